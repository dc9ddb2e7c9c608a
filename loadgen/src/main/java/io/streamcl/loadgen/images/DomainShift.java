package io.streamcl.loadgen.images;

import java.util.List;

/** Domain-incremental tasks: all classes in every task, each task rendered in another {@link ImageDomain}. */
final class DomainShift extends AllClassesFamily {

    private final List<ImageDomain> domains;

    DomainShift(List<ImageDomain> domains, int datasetClasses) {
        super(datasetClasses);
        if (domains.isEmpty()) {
            throw new IllegalArgumentException("domains must list at least one domain");
        }
        this.domains = List.copyOf(domains);
    }

    @Override
    public String describe() {
        return "domain-incremental(domains=" + domains.toString().replace(" ", "") + ")";
    }

    @Override
    public int taskCount() {
        return domains.size();
    }

    @Override
    public TaskView view(long seed, int rows, int cols) {
        return view(new RecentTasks<>(task -> domains.get(task).transform(rows, cols)), LabelMap.IDENTITY);
    }
}
