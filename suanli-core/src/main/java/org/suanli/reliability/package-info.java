/**
 * Failures, checkpoints and goodput: published interruption rates, checkpoint size from the model, the optimal checkpoint
 * interval (Young 1974, Daly 2006) and the expected share of wall-clock time that trains, all in closed form.
 */
package org.suanli.reliability;
