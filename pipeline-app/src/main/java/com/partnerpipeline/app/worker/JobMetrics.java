package com.partnerpipeline.app.worker;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.partnerpipeline.app.domain.JobStatus;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the workers of this process did, as meters (a count and 1, 5 and 15 minute rates) on the
 * admin port: {@code pipeline.worker.records} (records/s), {@code
 * pipeline.worker.records.rejected}, and {@code pipeline.worker.jobs.completed|failed|handed-back}.
 * Cancelling is the API's doing: the {@code pipeline.jobs.*} gauges count cancelled jobs.
 */
public final class JobMetrics {
    private final Meter records;
    private final Meter rejected;
    private final Map<JobStatus, Meter> ended = new EnumMap<>(JobStatus.class);
    private final Meter handedBack;

    public JobMetrics(MetricRegistry registry) {
        records = registry.meter("pipeline.worker.records");
        rejected = registry.meter("pipeline.worker.records.rejected");
        for (JobStatus status : List.of(JobStatus.COMPLETED, JobStatus.FAILED)) {
            ended.put(
                    status,
                    registry.meter(
                            "pipeline.worker.jobs." + status.name().toLowerCase(Locale.ROOT)));
        }
        handedBack = registry.meter("pipeline.worker.jobs.handed-back");
    }

    /** For runners whose figures nobody reads (the operator's one-off {@code process-file}). */
    public static JobMetrics unread() {
        return new JobMetrics(new MetricRegistry());
    }

    /** Records now committed: read in all, and of those rejected. */
    public void stored(long recordsRead, long recordsRejected) {
        records.mark(recordsRead);
        rejected.mark(recordsRejected);
    }

    /**
     * @param status COMPLETED or FAILED
     */
    public void ended(JobStatus status) {
        ended.get(status).mark();
    }

    public void handedBack() {
        handedBack.mark();
    }
}
