/**
 * Who is on call, for the processes: the schedules' workflows (started and reconciled at worker
 * start), the lookup escalations page through, and the handoff notices' list of open incidents.
 */
package dev.firebreak.starter.oncall;
