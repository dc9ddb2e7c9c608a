package io.streamcl.core.model;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Child-JVM program of {@link NativeBackendTest}, run with an empty JavaCPP cache so the libraries must be unpacked
 * under JavaCPP's file locks. Mode {@code direct}: a thread interrupted while it initializes ND4J itself, then a
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
                    Nd4j.create(1);
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
            System.out.println("second attempt: 1*3+2*4=" + Nd4j.create(new float[][] {{1, 2}})
                    .mmul(Nd4j.create(new float[][] {{3}, {4}})).getFloat(0));
        } catch (Throwable t) {
            System.out.println("second attempt: " + t);
        }
    }
}
