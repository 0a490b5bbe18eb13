/** A minimal listener set; a listener that throws must not stop the others (one bad view ≠ dead inbox). */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  on(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        console.error('[baton] listener failed', error);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
