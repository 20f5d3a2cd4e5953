package dev.firebreak.starter.jobs;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.firebreak.workflows.job.JobView;

/**
 * One row of {@code GET /api/v1/jobs}: the job's view, flattened, and {@code unread}: null for a
 * complete row, otherwise why only the job's configuration is shown.
 */
record JobRow(@JsonUnwrapped JobView job, String unread) {}
