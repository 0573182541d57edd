using Psrp.Client;
using Psrp.Hosting;
using Psrp.Transport;

namespace Psrp.Cli.Cli;

/// <summary>
/// Runs a command's body and turns the failures a user can meet into one line on stderr and the
/// documented exit code, instead of a stack trace.
/// </summary>
internal static class CommandErrors
{
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is UsageException or SessionParameterException or PsrpOptionException)
        {
            return Fail(ex.Message, ExitCodes.BadParameters);
        }
        catch (PsrpTransportException ex)
        {
            return Fail(ex.Message, ExitCodes.ConnectionFailed);
        }
        catch (ProviderNotFoundException ex)
        {
            // Nothing installed can reach the target; the message lists what is.
            return Fail(ex.Message, ExitCodes.ConnectionFailed);
        }
        catch (PsrpRemoteException ex)
        {
            // The pool broke while opening, or the server refused it.
            return Fail(ex.Message, ExitCodes.ConnectionFailed);
        }
        catch (OperationCanceledException)
        {
            return Fail("cancelled.", ExitCodes.Interrupted);
        }
    }

    public static int Fail(string message, int exitCode)
    {
        Console.Error.WriteLine($"psrp: {message}");
        return exitCode;
    }
}
