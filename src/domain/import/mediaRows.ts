// Uploaded images as data items: one manifest row per uploaded file, named and keyed by its file name (uploading a
// file of the same name again updates that item), sized as the browser measured it. Pure.
export type UploadedImage = { file: string; media: number | string; width?: number; height?: number }

export function mediaManifest(images: readonly UploadedImage[]): string {
  return images
    .map((image) =>
      JSON.stringify({
        externalId: image.file,
        name: image.file,
        type: 'image',
        media: image.media,
        ...(image.width && image.height ? { width: image.width, height: image.height } : {}),
      }),
    )
    .join('\n')
}
