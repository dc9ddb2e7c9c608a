package io.streamcl.deploy.process;

/** A child for the tests: prints its arguments, then sleeps until it is stopped. */
public final class SleepingMain {
    private SleepingMain() {
    }

    /** Prints the arguments on one line and sleeps. */
    public static void main(String[] args) throws InterruptedException {
        System.out.println("args " + String.join(" ", args));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
