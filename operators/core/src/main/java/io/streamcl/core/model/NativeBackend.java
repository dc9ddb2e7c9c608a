package io.streamcl.core.model;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Loads the native libraries the learner calls (JavaCPP and the OpenBLAS that ND4J ships) once per class loader,
 * on a dedicated thread that nothing interrupts, and lets callers wait for it.
 *
 * <p>Why a thread of its own: the libraries load in static initializers, and JavaCPP takes interruptible file locks
 * while it unpacks them. A thread interrupted there (as Flink interrupts a task thread on failover) leaves the class
 * permanently uninitializable in its class loader, so every later attempt on that TaskManager fails with {@code
 * NoClassDefFoundError: Could not initialize class}. Here an interrupt only stops the caller's wait; the loader
 * thread finishes, and the next caller finds the libraries loaded. A load that failed for another reason (before
 * any class was left broken, e.g. a full disk while unpacking) is retried by the next caller.
 */
public final class NativeBackend {
    private static CompletableFuture<Void> loading;

    private NativeBackend() {}

    /**
     * Returns once the native backend works, starting its load if no load is under way or the last one failed.
     *
     * @throws InterruptedException when the caller is interrupted while waiting (the load itself goes on)
     * @throws IllegalStateException when loading failed, with the cause
     */
    public static void load() throws InterruptedException {
        CompletableFuture<Void> current = start();
        try {
            current.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the native OpenBLAS failed to load: " + e.getCause(), e.getCause());
        }
    }

    /** Whether the native backend has loaded in this class loader. */
    public static synchronized boolean isLoaded() {
        return loading != null && loading.isDone() && !loading.isCompletedExceptionally();
    }

    private static synchronized CompletableFuture<Void> start() {
        if (loading == null || loading.isCompletedExceptionally()) {
            CompletableFuture<Void> next = new CompletableFuture<>();
            Thread loader = new Thread(() -> {
                try {
                    // A 1x1 product loads JavaCPP and OpenBLAS and goes through a real sgemm.
                    float[] product = new float[1];
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 1, 1, 1, 1f, new float[] {1}, 1,
                            new float[] {1}, 1, 0f, product, 1);
                    next.complete(null);
                } catch (Throwable t) {
                    next.completeExceptionally(t);
                }
            }, "streamcl-native-loader");
            loader.setDaemon(true);
            loader.start();
            loading = next;
        }
        return loading;
    }
}
