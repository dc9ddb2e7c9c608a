package io.streamcl.deploy.flink;

/**
 * What a Flink cluster reports about itself on {@code GET /overview}.
 *
 * @param taskManagers   registered TaskManagers
 * @param slotsTotal     task slots over all TaskManagers
 * @param slotsAvailable free task slots
 * @param jobsRunning    jobs running now
 * @param jobsFinished   jobs that finished
 * @param jobsCancelled  jobs that were canceled
 * @param jobsFailed     jobs that failed
 * @param flinkVersion   the Flink version of the cluster
 */
public record ClusterOverview(int taskManagers, int slotsTotal, int slotsAvailable, int jobsRunning,
        int jobsFinished, int jobsCancelled, int jobsFailed, String flinkVersion) {
}
