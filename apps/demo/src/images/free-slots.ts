/** Adding no more reference images than the model takes, and saying what was left out. Pure. */

/** The first items that fit in `free` slots, and how many did not. */
export function fitToSlots<T>(
  items: readonly T[],
  free: number,
): { fitting: T[]; leftOut: number } {
  const room = Math.max(0, free);
  return { fitting: items.slice(0, room), leftOut: Math.max(0, items.length - room) };
}

/** "Added 7 images; 4 were left out: this model takes at most 9." (or just the first part). */
export function addedNotice(added: number, leftOut: number, maxImages: number): string {
  const plural = (count: number) => (count === 1 ? 'image' : 'images');
  const addedText = added === 0 ? 'No image was added' : `Added ${added} ${plural(added)}`;
  if (leftOut === 0) return `${addedText}.`;
  const verb = leftOut === 1 ? 'was' : 'were';
  return `${addedText}; ${leftOut} ${verb} left out: this model takes at most ${maxImages} reference ${plural(maxImages)}.`;
}
