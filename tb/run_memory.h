#pragma once
// Memory for a standalone run (`skipsim run`). A pruned ResNet-50 grows the heap by about 13 MB
// (masks, plans, reports) and took each fresh 4 KiB page as a separate fault: on a virtualised
// machine over 10 us each, a fifth of the run. The run instead reserves the heap's next tens of MB
// up front and asks for transparent huge pages there (where the kernel offers them for the
// asking): a page of it is faulted in 2 MB at a time, when the run first writes it, and what the
// run never writes is never mapped. Nothing here changes what a run computes.
namespace skipsim {

// Before the run allocates anything large.
void prepare_run_memory();

}  // namespace skipsim
