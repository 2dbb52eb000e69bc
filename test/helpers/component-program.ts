// The program the component harness hands the mock engine: the engine runs a program by requiring
// its entry point inside the stack, so this file builds whatever component the harness queued.
import { runQueuedBuild } from "./component-harness";

runQueuedBuild();
