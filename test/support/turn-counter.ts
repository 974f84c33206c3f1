/**
 * Counts the event loop's turns other work could take while something long runs (D78: a signer that
 * yields lets a projection's batch or a read-your-writes answer through). `stop()` ends the count.
 */
export const countTurns = () => {
  let turns = 0;
  let counting = true;
  const other = () => {
    turns++;
    if (counting) setImmediate(other);
  };
  setImmediate(other);
  return {
    stop: (): number => {
      counting = false;
      return turns;
    },
  };
};
