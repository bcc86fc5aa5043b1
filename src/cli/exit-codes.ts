/** Exit codes of the cryoplan command; EXIT_HELP lists them in every --help. */
export const EXIT = {
  ok: 0,
  /** The simulation failed (diverged, or an internal error). */
  simulation: 1,
  /** The case file or the command line is invalid. */
  invalid: 2,
  /** The results could not be written. */
  output: 3,
  /** Interrupted (Ctrl-C): 128 + SIGINT, as shells report it. */
  cancelled: 130,
} as const;

export const EXIT_HELP = `Exit codes:
  0    success
  1    the simulation failed (diverged, or an internal error); nothing was written
  2    invalid case file or command line
  3    the results could not be written (an existing results folder is left as it was)
  130  interrupted (Ctrl-C); nothing was written`;
