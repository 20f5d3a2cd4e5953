/**
 * The paging simulator: the real incident workflow on a time-skipping test server, with providers
 * that only record, so a policy can be tried before 3 AM shows whether the page reaches anyone.
 */
package dev.firebreak.starter.simulation;
