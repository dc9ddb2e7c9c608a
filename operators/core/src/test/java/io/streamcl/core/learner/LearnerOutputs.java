package io.streamcl.core.learner;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/** What tests compare two learners by: their reports as text (every figure in full) and their state bytes. */
final class LearnerOutputs {
    private LearnerOutputs() {}

    static void add(List<String> out, List<LearnerReport> reports) {
        reports.forEach(r -> out.add(r.toString()));
    }

    static byte[] bytes(ContinualLearner learner) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        learner.writeTo(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }
}
