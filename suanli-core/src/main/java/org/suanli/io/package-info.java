/**
 * Safe output files: every file Suanli writes goes through {@link org.suanli.io.OutputFile}, which
 * writes a temporary file beside the target and moves it into place only when the output is complete,
 * never over a special file, and never leaves the temporary file behind.
 */
package org.suanli.io;
