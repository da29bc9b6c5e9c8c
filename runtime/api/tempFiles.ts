/** Files the user picked or the app downloaded, by their tempFilePath (a blob: URL), with names. */
export const tempFiles = new Map<string, File>();
