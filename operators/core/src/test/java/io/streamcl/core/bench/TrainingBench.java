package io.streamcl.core.bench;

import io.streamcl.core.learner.LearnerConfig;
import io.streamcl.core.learner.OnlineLearner;
import io.streamcl.core.model.Activation;
import io.streamcl.core.model.Mlp;
import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.model.MlpWorkspace;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Examples/s of one training step of MLP 784-256-256-10 on Fashion-MNIST (SGD and Adam, with and without
 * continual backprop, batches 1, 32, 128) and of inference at batch 1000, next to PyTorch's figures from {@code
 * torch_mlp_reference.py} run in the same invocation, with the ratios; medians of {@code runs} timed windows after
 * a warm-up, as the Python script does. The PyTorch script runs once per setting, right before the Java figures
 * of that setting, so that both sides see the same load on a shared machine; inference is measured after each
 * PyTorch run on both sides, and the medians are compared; {@code --inference-only N} measures only inference, in N
 * alternating PyTorch and Java rounds. Inference is also timed in CPU time of the measuring thread (one BLAS thread
 * on both sides runs in the caller), which a shared machine's load distorts far less than wall time: on a loaded
 * machine compare the CPU-time row. Launch with {@code operators/core/bench/run-bench.sh}.
 */
public final class TrainingBench {
    private static final Pattern TORCH =
            Pattern.compile("torch ([\\w-]+) batch=(\\d+) threads=\\d+ examples/s=(\\d+)");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final LongSupplier WALL = System::nanoTime;
    private static final LongSupplier THREAD_CPU = THREADS::getCurrentThreadCpuTime;
    private static final int[] BATCHES = {1, 32, 128};
    private static final Map<String, String> OPTIMIZERS = new LinkedHashMap<>();

    static {
        OPTIMIZERS.put("sgd", "sgd(lr=0.01)");
        OPTIMIZERS.put("adam", "adam(lr=0.001)");
    }

    private TrainingBench() {}

    public static void main(String[] args) throws Exception {
        double seconds = Double.parseDouble(arg(args, "--seconds", "2"));
        int runs = Integer.parseInt(arg(args, "--runs", "5"));
        String torchScript = arg(args, "--torch", "operators/core/bench/torch_reference.py");
        String python = arg(args, "--python", "/usr/bin/python3");
        FashionMnist data = FashionMnist.load();
        System.out.println(OpenBlasKernel.describe());
        MlpConfig model = new MlpConfig(784, new int[] {256, 256}, 10, Activation.RELU, 0);
        List<String> table = new ArrayList<>();
        table.add(String.format(Locale.ROOT, "%-26s %12s %12s %8s", "setting", "java ex/s", "torch ex/s", "ratio"));
        Map<String, List<Double>> torchInference = new LinkedHashMap<>();
        Map<String, List<Double>> javaInference = new LinkedHashMap<>();
        int inferenceOnly = Integer.parseInt(arg(args, "--inference-only", "0"));
        for (int round = 0; round < inferenceOnly; round++) {
            inferenceRound(torch(python, torchScript, "", 0, seconds, runs), model, data, seconds, runs,
                    torchInference, javaInference);
        }
        for (String opt : inferenceOnly > 0 ? List.<String>of() : OPTIMIZERS.keySet()) {
            for (int batch : BATCHES) {
                Map<String, Double> torch = torch(python, torchScript, opt, batch, seconds, runs);
                inferenceRound(torch, model, data, seconds, runs, torchInference, javaInference);
                for (boolean cbp : new boolean[] {false, true}) {
                    String spec = OPTIMIZERS.get(opt) + (cbp ? "+cbp(rho=1e-4,maturity=100)" : "");
                    double rate = train(LearnerConfig.of(model, spec, batch), data, seconds, runs);
                    table.add(row(opt + (cbp ? "+cbp" : "") + " batch=" + batch, rate, torch.get(opt + "/" + batch)));
                    System.out.println(table.get(table.size() - 1));
                }
            }
        }
        for (String clock : javaInference.keySet()) {
            List<Double> torch = torchInference.get(clock);
            table.add(row(clock + " batch=1000", median(javaInference.get(clock)), torch == null ? null
                    : median(torch)));
        }
        System.out.println();
        table.forEach(System.out::println);
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    static double train(LearnerConfig config, FashionMnist data, double seconds, int runs) {
        OnlineLearner learner = OnlineLearner.create(config);
        float[] x = new float[FashionMnist.PIXELS];
        int[] position = {0};
        Runnable step = () -> {
            for (int b = 0; b < config.batchSize(); b++) {
                int i = position[0]++ % data.count();
                System.arraycopy(data.images(), i * FashionMnist.PIXELS, x, 0, FashionMnist.PIXELS);
                learner.add(x, data.labels()[i]);
            }
            learner.update();
        };
        return rate(step, config.batchSize(), seconds, runs);
    }

    /**
     * One round of inference figures: PyTorch's (from its run just before) and Java's, in wall time ("inference")
     * and in the measuring thread's CPU time ("inference-cpu"), each printed and added to its clock's list.
     */
    private static void inferenceRound(Map<String, Double> torch, MlpConfig config, FashionMnist data, double seconds,
            int runs, Map<String, List<Double>> torchRates, Map<String, List<Double>> javaRates) {
        Mlp mlp = Mlp.initialize(config);
        MlpWorkspace ws = mlp.workspace(1000);
        ws.inputBuffer().put(0, data.images(), 0, 1000 * FashionMnist.PIXELS);
        Map<String, LongSupplier> clocks = new LinkedHashMap<>();
        clocks.put("inference", WALL);
        clocks.put("inference-cpu", THREAD_CPU);
        clocks.forEach((name, clock) -> {
            double rate = rate(() -> mlp.forward(ws, 1000), 1000, seconds, runs, clock);
            System.out.printf(Locale.ROOT, "java %s batch=1000 examples/s=%.0f%n", name, rate);
            javaRates.computeIfAbsent(name, k -> new ArrayList<>()).add(rate);
            Optional.ofNullable(torch.get(name + "/1000"))
                    .ifPresent(t -> torchRates.computeIfAbsent(name, k -> new ArrayList<>()).add(t));
        });
    }

    /** Median examples/s over {@code runs} windows of {@code seconds} wall time, after a warm-up of one window. */
    static double rate(Runnable step, int examplesPerCall, double seconds, int runs) {
        return rate(step, examplesPerCall, seconds, runs, WALL);
    }

    /** As {@link #rate(Runnable, int, double, int)}, with windows and rates timed by {@code clock} (nanoseconds). */
    static double rate(Runnable step, int examplesPerCall, double seconds, int runs, LongSupplier clock) {
        long warmUp = clock.getAsLong() + (long) (seconds * 1e9);
        while (clock.getAsLong() < warmUp) {
            step.run();
        }
        double[] samples = new double[runs];
        for (int r = 0; r < runs; r++) {
            long start = clock.getAsLong();
            long end = start + (long) (seconds * 1e9);
            long n = 0;
            long now;
            do {
                step.run();
                n += examplesPerCall;
                now = clock.getAsLong();
            } while (now < end);
            samples[r] = n / ((now - start) / 1e9);
        }
        Arrays.sort(samples);
        return samples[runs / 2];
    }

    /** PyTorch's rate for one optimizer and batch size (the script always adds its inference rate). */
    private static Map<String, Double> torch(String python, String script, String opt, int batch, double seconds,
            int runs) throws Exception {
        Map<String, Double> rates = new LinkedHashMap<>();
        List<String> command = new ArrayList<>(List.of(python, script, "--threads", "1", "--batches",
                Integer.toString(batch), "--opts", opt, "--seconds", Double.toString(seconds), "--runs",
                Integer.toString(runs)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            for (String line; (line = out.readLine()) != null; ) {
                System.out.println(line);
                Matcher m = TORCH.matcher(line);
                if (m.find()) {
                    rates.put(m.group(1) + "/" + m.group(2), Double.parseDouble(m.group(3)));
                }
            }
        }
        if (process.waitFor() != 0 || rates.isEmpty()) {
            System.out.println("PyTorch reference failed (exit " + process.exitValue()
                    + "): apt-get install -y python3-torch libopenblas0-openmp; its ratios are left out");
        }
        return rates;
    }

    private static String row(String setting, double java, Double torch) {
        String ratio = torch == null ? "-" : String.format(Locale.ROOT, "%.2fx", java / torch);
        return String.format(Locale.ROOT, "%-26s %12.0f %12s %8s", setting, java,
                torch == null ? "-" : String.format(Locale.ROOT, "%.0f", torch), ratio);
    }

    static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
