"""Long BLAS calls that Ctrl-C can interrupt: the caller gets KeyboardInterrupt within a fraction of a
second instead of when the call ends.

Python runs a signal handler (and raises KeyboardInterrupt) only between bytecodes of the main thread:
one BLAS call of tens of seconds (the Gram matrix of a large X) would hold Ctrl-C back until it ends.
Splitting the product into pieces would cost speed (each piece re-reads the result), so above
:data:`LONG_FLOPS` the call runs in a helper thread (NumPy releases the GIL) while the main thread
waits in short, interruptible steps. On Ctrl-C the caller gets KeyboardInterrupt at once; the helper
finishes its one product in the background and its result is dropped. The product is the same call,
so the result is bit for bit what it was; below the threshold (every problem the tests and the quick
benchmark use) nothing changes at all.
"""
import threading

__all__ = ["LONG_FLOPS", "WAIT_STEP", "call"]

LONG_FLOPS = 5e9    # about a quarter of a second of BLAS-3 on one core
WAIT_STEP = 0.05    # seconds between the main thread's checks for a signal


def call(function, *args, flops):
    """``function(*args)``, interruptible by Ctrl-C when it is long.

    Parameters
    ----------
    function : callable
        Typically a NumPy product (it must release the GIL to run beside the waiting main thread).
    *args : object
        Its arguments.
    flops : float
        An estimate of its cost; at most :data:`LONG_FLOPS`, or off the main thread (where no signal
        arrives), the call is made directly.

    Returns
    -------
    object
        What ``function`` returns (its exception is raised here).
    """
    if flops <= LONG_FLOPS or threading.current_thread() is not threading.main_thread():
        return function(*args)
    outcome = {}

    def work():
        try:
            outcome["value"] = function(*args)
        except BaseException as exc:  # handed to the caller
            outcome["error"] = exc

    helper = threading.Thread(target=work, name="lassofast-long-blas", daemon=True)
    helper.start()
    while helper.is_alive():
        helper.join(WAIT_STEP)  # KeyboardInterrupt is raised here, between two waits
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
