/**
 * Failures, checkpoints and goodput: published interruption rates per component, checkpoint size from the model, the
 * optimal checkpoint interval (Young 1974, Daly 2006), the expected share of wall-clock time that trains (Daly's complete
 * model, closed form) and a Monte-Carlo draw of whole runs for the spread of wall-clock days.
 */
package org.suanli.reliability;
