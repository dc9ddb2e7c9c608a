package io.streamcl.core.model;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

/**
 * Child-JVM program of {@link NativeBackendTest}, run with an empty JavaCPP cache so the libraries must be unpacked
 * under JavaCPP's file locks. Mode {@code direct}: a thread interrupted while it initializes OpenBLAS itself, then a
 * second attempt. Mode {@code backend}: a thread interrupted while it waits in {@link NativeBackend#load()}, then
 * a second attempt through it. Prints one line per step.
 */
public final class NativeLoadInterruption {
    private NativeLoadInterruption() {}

    public static void main(String[] args) throws Exception {
        org.slf4j.LoggerFactory.getLogger(NativeLoadInterruption.class).info("logging is up, as in a TaskManager");
        boolean direct = args[0].equals("direct");
        Thread first = new Thread(() -> {
            try {
                if (direct) {
                    Thread.currentThread().interrupt();
                    product();
                } else {
                    NativeBackend.load();
                }
                System.out.println("first attempt: loaded");
            } catch (Throwable t) {
                System.out.println("first attempt: " + t);
            }
        });
        first.start();
        if (!direct) {
            Thread.sleep(300);
            System.out.println("interrupting while loaded=" + NativeBackend.isLoaded());
            first.interrupt();
        }
        first.join();
        try {
            if (!direct) {
                NativeBackend.load();
            }
            System.out.println("second attempt: 1*3+2*4=" + product());
        } catch (Throwable t) {
            System.out.println("second attempt: " + t);
        }
    }

    /** (1 2) times (3 4)ᵀ through OpenBLAS. */
    private static float product() {
        float[] c = new float[1];
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 1, 1, 2, 1f, new float[] {1, 2}, 2, new float[] {3, 4}, 1,
                0f, c, 1);
        return c[0];
    }
}
