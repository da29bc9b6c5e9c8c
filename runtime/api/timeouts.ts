/** app.json networkTimeout for uploadFile and downloadFile (ms; WeChat's default is 60 s). */
export const transferTimeouts = { uploadFile: 60_000, downloadFile: 60_000 };

export function setTransferTimeouts(config: { uploadFile?: number; downloadFile?: number } | undefined): void {
  if (typeof config?.uploadFile === 'number' && config.uploadFile > 0) transferTimeouts.uploadFile = config.uploadFile;
  if (typeof config?.downloadFile === 'number' && config.downloadFile > 0) transferTimeouts.downloadFile = config.downloadFile;
}
