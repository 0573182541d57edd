using Psrp.Transport;

namespace Psrp.Tests.Shared;

/// <summary>
/// How a waiter ended after an injected fault, judged the same way in every transport's fault
/// matrix: success only where the phase allows it (a close swallows transport errors), cancellation
/// only for a frozen peer after the test cancelled, otherwise a typed transport or protocol error —
/// and always within the budget.
/// </summary>
internal static class FaultVerdict
{
    public static void Judge(Exception? error, TimeSpan elapsed, TimeSpan budget, string fault, string peer, bool frozen, bool cancelled, bool successAllowed, Action<string> log)
    {
        log($"{fault}: the waiter ended {elapsed.TotalMilliseconds:0} ms after the fault with {error?.GetType().Name ?? "success"}: {error?.Message}");
        switch (error)
        {
            case null:
                Assert.True(successAllowed, "the waiter succeeded despite the fault");
                break;
            case OperationCanceledException:
                Assert.True(frozen && cancelled, $"unexpected cancellation: {error}");
                break;
            case PsrpTransportException or PsrpProtocolException:
                break;
            default:
                Assert.Fail($"untyped error after the {peer} was {fault}: {error}");
                break;
        }

        Assert.True(elapsed < budget, $"the waiter ended {elapsed} after the fault (budget {budget}): {error?.GetType().Name}");
    }
}
