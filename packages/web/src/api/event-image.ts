import { api, ok } from './client.js';
import type { ImageChoice } from '../components/ImagePicker.js';

/** Applies the form's image choice once the event is saved: the file's raw bytes, or the removal. */
export async function saveEventImage(id: string, choice: ImageChoice): Promise<void> {
  if (choice === null) return;
  const path = { id };
  if (choice === 'remove') {
    await ok(api.DELETE('/api/events/{id}/image', { params: { path } }));
    return;
  }
  const { file, alt } = choice;
  await ok(
    api.PUT('/api/events/{id}/image', {
      params: { path, query: alt.trim() ? { alt: alt.trim() } : {} },
      // The file as it is (the schema types binary bodies as strings); its own type is the content type.
      body: file as unknown as string,
      bodySerializer: (body: unknown) => body as File,
      headers: { 'content-type': file.type },
    }),
  );
}
