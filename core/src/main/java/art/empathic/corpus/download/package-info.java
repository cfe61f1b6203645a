/**
 * Fetching public corpora safely: resumable HTTP downloads, checksum verification, and ZIP
 * unpacking that refuses path escapes and decompression bombs. No command-line code here; the
 * {@code datasets} command in {@code art.empathic.app.datasets} drives it.
 */
package art.empathic.corpus.download;
