/**
 * Picking and handling images and media through the web platform: chooseImage / chooseMedia /
 * chooseMessageFile use a file input (the user's gesture opens it; cancelling is "fail cancel");
 * tempFilePath values are blob: URLs that image src, uploadFile and getImageInfo accept.
 * saveImageToPhotosAlbum asks Telegram to download the file (8.0+), else the browser does.
 */
import { asyncApi, ApiFail } from './callback.js';
import { isSupported, on, postEvent } from '../telegram/index.js';

interface Picked {
  file: File;
  path: string;
}

import { tempFiles } from './tempFiles.js';

function pick(accept: string, multiple: boolean, capture: boolean): Promise<Picked[]> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = multiple;
    if (capture) input.setAttribute('capture', 'environment');
    input.style.display = 'none';
    let settled = false;
    const finish = (files: File[] | null): void => {
      if (settled) return;
      settled = true;
      input.remove();
      if (!files || !files.length) return reject(new ApiFail('cancel'));
      resolve(
        files.map((file) => {
          const path = URL.createObjectURL(file);
          tempFiles.set(path, file);
          return { file, path };
        }),
      );
    };
    input.addEventListener('change', () => finish(input.files ? [...input.files] : null));
    input.addEventListener('cancel', () => finish(null));
    document.body.appendChild(input);
    input.click();
  });
}

function imageSize(src: string): Promise<{ width: number; height: number; img: HTMLImageElement }> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight, img });
    img.onerror = () => reject(new ApiFail('get image info fail'));
    img.src = src;
  });
}

export const chooseImage = asyncApi('chooseImage', async (p: { count?: number; sizeType?: string[]; sourceType?: string[] }) => {
  const count = Math.max(1, Math.min(9, Math.floor(p.count ?? 9)));
  const onlyCamera = Array.isArray(p.sourceType) && p.sourceType.length === 1 && p.sourceType[0] === 'camera';
  const files = (await pick('image/*', count > 1, onlyCamera)).slice(0, count);
  return { tempFilePaths: files.map((f) => f.path), tempFiles: files.map((f) => ({ path: f.path, size: f.file.size })) };
});

export const chooseMedia = asyncApi('chooseMedia', async (p: { count?: number; mediaType?: string[]; sourceType?: string[] }) => {
  const count = Math.max(1, Math.min(9, Math.floor(p.count ?? 9)));
  const types = Array.isArray(p.mediaType) && p.mediaType.length ? p.mediaType : ['image', 'video'];
  const accept = [types.includes('image') || types.includes('mix') ? 'image/*' : '', types.includes('video') || types.includes('mix') ? 'video/*' : ''].filter(Boolean).join(',');
  const onlyCamera = Array.isArray(p.sourceType) && p.sourceType.length === 1 && p.sourceType[0] === 'camera';
  const files = (await pick(accept || 'image/*', count > 1, onlyCamera)).slice(0, count);
  const out = await Promise.all(
    files.map(async ({ file, path }) => {
      const isVideo = file.type.startsWith('video/');
      if (isVideo) return { tempFilePath: path, size: file.size, fileType: 'video', duration: 0, width: 0, height: 0, thumbTempFilePath: '' };
      const { width, height } = await imageSize(path).catch(() => ({ width: 0, height: 0 }));
      return { tempFilePath: path, size: file.size, fileType: 'image', width, height };
    }),
  );
  const kinds = new Set(out.map((f) => f.fileType));
  return { tempFiles: out, type: kinds.size > 1 ? 'mix' : (out[0]?.fileType ?? 'image') };
});

export const chooseMessageFile = asyncApi('chooseMessageFile', async (p: { count?: number; type?: string; extension?: string[] }) => {
  const count = Math.max(1, Math.min(100, Math.floor(p.count ?? 1)));
  const accept = p.type === 'image' ? 'image/*' : p.type === 'video' ? 'video/*' : Array.isArray(p.extension) ? p.extension.map((e) => '.' + e.replace(/^\./, '')).join(',') : '';
  const files = (await pick(accept, count > 1, false)).slice(0, count);
  return {
    tempFiles: files.map(({ file, path }) => ({ path, size: file.size, name: file.name, type: file.type.startsWith('image/') ? 'image' : file.type.startsWith('video/') ? 'video' : 'file', time: Math.floor(file.lastModified / 1000) })),
  };
});

export const getImageInfo = asyncApi('getImageInfo', async (p: { src?: string }) => {
  if (typeof p.src !== 'string' || !p.src) throw new ApiFail('parameter error: parameter.src should be String');
  const { width, height } = await imageSize(p.src);
  const type = /\.png(\?|$)/i.test(p.src) ? 'png' : /\.gif(\?|$)/i.test(p.src) ? 'gif' : /\.webp(\?|$)/i.test(p.src) ? 'webp' : tempFiles.get(p.src)?.type.split('/')[1] ?? 'jpeg';
  return { width, height, path: p.src, orientation: 'up', type };
});

export const compressImage = asyncApi('compressImage', async (p: { src?: string; quality?: number; compressedWidth?: number; compressedHeight?: number }) => {
  if (typeof p.src !== 'string' || !p.src) throw new ApiFail('parameter error: parameter.src should be String');
  const { width, height, img } = await imageSize(p.src);
  let w = p.compressedWidth ?? width;
  let h = p.compressedHeight ?? (p.compressedWidth ? Math.round((height * w) / width) : height);
  if (p.compressedHeight && !p.compressedWidth) w = Math.round((width * h) / height);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, w);
  canvas.height = Math.max(1, h);
  canvas.getContext('2d')!.drawImage(img, 0, 0, canvas.width, canvas.height);
  const quality = Math.min(100, Math.max(0, p.quality ?? 80)) / 100;
  const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', quality));
  if (!blob) throw new ApiFail('compress fail');
  const path = URL.createObjectURL(blob);
  tempFiles.set(path, new File([blob], 'compressed.jpg', { type: 'image/jpeg' }));
  return { tempFilePath: path };
});

/** Telegram downloads https files to the device (8.0+); blob: and older clients use the browser. */
export const saveImageToPhotosAlbum = asyncApi('saveImageToPhotosAlbum', async (p: { filePath?: string }) => {
  const path = p.filePath;
  if (typeof path !== 'string' || !path) throw new ApiFail('parameter error: parameter.filePath should be String');
  const name = (tempFiles.get(path)?.name ?? path.split(/[?#]/)[0]!.split('/').pop()) || 'image.jpg';
  if (/^https:\/\//i.test(path) && isSupported('web_app_request_file_download')) {
    const status = await new Promise<string>((resolve) => {
      const off = on('file_download_requested', (d: { status?: string }) => {
        off();
        resolve(d?.status ?? 'cancelled');
      });
      if (!postEvent('web_app_request_file_download', { url: path, file_name: name })) {
        off();
        resolve('unsupported');
      }
    });
    if (status === 'downloading') return {};
    if (status !== 'unsupported') throw new ApiFail('cancel');
  }
  const a = document.createElement('a');
  a.href = path;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  return {};
});
