/**
 * The largest input file read whole, by the CLI and the extension alike: 256 MiB, well above a 1M-row run
 * table (≈ 60 MB) and well below V8's largest string (≈ 512 M characters). Larger is a located input error.
 */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;
