package io.streamcl.deploy.flink;

/** A JVM that owns a {@link LocalFlink} until it is killed ({@link LocalFlinkIT}); prints the cluster's pids and dir. */
public final class ClusterOwnerMain {
    private ClusterOwnerMain() {
    }

    /** Starts a cluster in a temporary directory and waits forever. */
    public static void main(String[] args) throws Exception {
        LocalFlink flink = LocalFlink.builder().taskManagerMemory("2g").start();
        System.out.println("pids " + flink.pids().toString().replaceAll("[\\[\\] ]", "") + " dir " + flink.dataDir());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
