/**
 * The job layer: a command ({@code train}, {@code plan-train}, {@code infer}, {@code plan-serve}) and an options map whose
 * keys are the CLI's long option names in snake_case, read and checked once ({@link org.suanli.jobs.Command#prepare}) and run
 * to the very JSON record the CLI prints with {@code --json}. The HTTP API's handlers and every sweep point go through it;
 * errors name the option ({@link org.suanli.jobs.OptionException}).
 */
package org.suanli.jobs;
