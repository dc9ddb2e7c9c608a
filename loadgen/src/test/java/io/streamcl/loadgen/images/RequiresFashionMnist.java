package io.streamcl.loadgen.images;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test (class or method) that reads the real Fashion-MNIST: skipped, with a message saying how to install
 * it, where the dataset is absent. {@code .ci/run} installs it, so CI runs these tests.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresFashionMnist.Condition.class)
public @interface RequiresFashionMnist {

    /** Disables the test before its class is even initialised (several load the dataset in static fields). */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Path dir = FashionMnist.defaultDir();
            return FashionMnist.isInstalled(dir)
                    ? ConditionEvaluationResult.enabled("Fashion-MNIST found in " + dir)
                    : ConditionEvaluationResult.disabled("Skipped: Fashion-MNIST is not installed in " + dir
                            + "; install it with 'sudo apt-get install dataset-fashion-mnist' or set "
                            + FashionMnist.DIR_ENV + " (.ci/run installs it)");
        }
    }
}
