package io.streamcl.deploy.kafka;

import java.nio.file.Path;

/** Test helper run in its own JVM: starts a broker, prints its pid, and waits to be killed. */
public final class BrokerOwnerMain {

    private BrokerOwnerMain() {
    }

    /**
     * Starts the broker.
     *
     * @param args the data directory
     * @throws InterruptedException never in practice: the JVM is killed while sleeping
     */
    public static void main(String[] args) throws InterruptedException {
        LocalKafka kafka = LocalKafka.builder().dataDir(Path.of(args[0])).start();
        System.out.println("BROKER_PID " + kafka.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
