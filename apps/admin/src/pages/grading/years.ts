/** The years a department grades: this year back ten years, and next year. */
export function yearOptions(): { value: number; label: string }[] {
  const now = new Date().getFullYear();
  return Array.from({ length: 12 }, (_, i) => now + 1 - i).map((y) => ({
    value: y,
    label: `${y} 年`,
  }));
}
