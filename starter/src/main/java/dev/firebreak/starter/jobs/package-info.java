/**
 * Scheduled jobs as the API shows and runs them ({@link dev.firebreak.starter.jobs.JobGateway}).
 */
package dev.firebreak.starter.jobs;
