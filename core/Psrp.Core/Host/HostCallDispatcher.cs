using System.Globalization;
using Psrp.Diagnostics;
using Psrp.Messages;
using Psrp.Serialization;

namespace Psrp.Host;

/// <summary>
/// Runs one host call against an <see cref="IPsrpHost"/>: decodes the parameters the way
/// PowerShell's host encoder wrote them (psrp-facts §5.1), calls the host, and encodes the return
/// value — or the failure — as the response. Void methods get no response.
/// </summary>
public static class HostCallDispatcher
{
    private static readonly PsTypeNames CredentialNames = new("System.Management.Automation.PSCredential", "System.Object");

    /// <summary>
    /// Runs <paramref name="call"/>. <paramref name="protect"/> turns clear text into the wire form of a
    /// SecureString (it may run the session-key exchange first). Returns the response to send, or null for void methods.
    /// Never throws for a failed call (the response carries the error); only cancellation of
    /// <paramref name="cancellationToken"/> ends it with <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async ValueTask<RemoteHostResponse?> InvokeAsync(
        IPsrpHost? host,
        RemoteHostCall call,
        Func<string, CancellationToken, ValueTask<PsSecureString>> protect,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(protect);
        var expectsResponse = call.CallId != RemoteHostCall.VoidCallId && ReturnsValue(call.MethodId);
        using var activity = PsrpTelemetry.StartActivity(PsrpTelemetry.HostCallActivity, transport: null, System.Diagnostics.ActivityKind.Internal);
        activity?.SetTag("psrp.host.method", call.MethodId.ToString());
        try
        {
            if (host is null)
            {
                throw new PsrpHostException($"The remote command called the host method {call.MethodId}, but this session has no host.");
            }

            var value = await RunAsync(host, call, protect, cancellationToken).ConfigureAwait(false);
            return expectsResponse ? Response(call, value, null) : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong — parameters that do not fit the method, a host that throws — is
            // this call's failure, as in PowerShell's client, which answers any exception of a host
            // call with an error response. Letting it escape ended the caller's host-call loop, and
            // every later call waited forever. A void method has nobody to tell; a value-returning
            // one reports the failure to the server. Only the session's cancellation ends the loop.
            return expectsResponse ? ErrorResponse(call, ex) : null;
        }
    }

    /// <summary>The response that reports <paramref name="error"/> as the failure of <paramref name="call"/>.</summary>
    internal static RemoteHostResponse ErrorResponse(RemoteHostCall call, Exception error) =>
        Response(call, null, PsErrorRecord.FromException(error, "RemoteHostExecutionException", ErrorCategory.NotImplemented));

    private static RemoteHostResponse Response(RemoteHostCall call, object? value, PsErrorRecord? error) =>
        new(call.CallId, call.MethodId) { ReturnValue = value, Error = error, IsPipelineResponse = call.IsPipelineCall };

    /// <summary>True for host methods that return a value (and so expect a response).</summary>
    public static bool ReturnsValue(RemoteHostMethodId method) => method switch
    {
        RemoteHostMethodId.GetName or RemoteHostMethodId.GetVersion or RemoteHostMethodId.GetInstanceId or
        RemoteHostMethodId.GetCurrentCulture or RemoteHostMethodId.GetCurrentUICulture or
        RemoteHostMethodId.ReadLine or RemoteHostMethodId.ReadLineAsSecureString or RemoteHostMethodId.Prompt or
        RemoteHostMethodId.PromptForCredential1 or RemoteHostMethodId.PromptForCredential2 or RemoteHostMethodId.PromptForChoice or
        RemoteHostMethodId.PromptForChoiceMultipleSelection or
        RemoteHostMethodId.GetForegroundColor or RemoteHostMethodId.GetBackgroundColor or RemoteHostMethodId.GetCursorPosition or
        RemoteHostMethodId.GetWindowPosition or RemoteHostMethodId.GetCursorSize or RemoteHostMethodId.GetBufferSize or
        RemoteHostMethodId.GetWindowSize or RemoteHostMethodId.GetWindowTitle or RemoteHostMethodId.GetMaxWindowSize or
        RemoteHostMethodId.GetMaxPhysicalWindowSize or RemoteHostMethodId.GetKeyAvailable or RemoteHostMethodId.ReadKey or
        RemoteHostMethodId.GetBufferContents or RemoteHostMethodId.GetIsRunspacePushed or RemoteHostMethodId.GetRunspace => true,
        _ => false,
    };

    private static async ValueTask<object?> RunAsync(
        IPsrpHost host,
        RemoteHostCall call,
        Func<string, CancellationToken, ValueTask<PsSecureString>> protect,
        CancellationToken ct)
    {
        var p = call.Parameters;
        switch (call.MethodId)
        {
            case RemoteHostMethodId.GetName:
                return host.Name;
            case RemoteHostMethodId.GetVersion:
                return host.Version;
            case RemoteHostMethodId.GetInstanceId:
                return host.InstanceId;
            case RemoteHostMethodId.GetCurrentCulture:
                return host.CurrentCulture.Name;
            case RemoteHostMethodId.GetCurrentUICulture:
                return host.CurrentUICulture.Name;
            case RemoteHostMethodId.SetShouldExit:
                host.SetShouldExit(Int(p, 0));
                return null;
            case RemoteHostMethodId.NotifyBeginApplication:
                host.NotifyBeginApplication();
                return null;
            case RemoteHostMethodId.NotifyEndApplication:
                host.NotifyEndApplication();
                return null;
            case RemoteHostMethodId.EnterNestedPrompt or RemoteHostMethodId.ExitNestedPrompt:
                throw new NotSupportedException("Nested prompts are not supported by this client.");
            case RemoteHostMethodId.GetIsRunspacePushed:
                return false;
            case RemoteHostMethodId.PushRunspace or RemoteHostMethodId.PopRunspace or RemoteHostMethodId.GetRunspace:
                throw new NotSupportedException("Pushing runspaces is not supported by this client.");
        }

        var ui = host.UI ?? throw new PsrpHostException($"The remote command called {call.MethodId}, but this session's host has no user interface.");
        switch (call.MethodId)
        {
            case RemoteHostMethodId.ReadLine:
                return await ui.ReadLineAsync(ct).ConfigureAwait(false);
            case RemoteHostMethodId.ReadLineAsSecureString:
                return await protect(await ui.ReadLineAsSecureStringAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false);
            case RemoteHostMethodId.Write1:
                ui.Write(Str(p, 0));
                return null;
            case RemoteHostMethodId.Write2:
                ui.Write(Str(p, 2), (ConsoleColor)Int(p, 0), (ConsoleColor)Int(p, 1));
                return null;
            case RemoteHostMethodId.WriteLine1:
                ui.WriteLine(string.Empty);
                return null;
            case RemoteHostMethodId.WriteLine2:
                ui.WriteLine(Str(p, 0));
                return null;
            case RemoteHostMethodId.WriteLine3:
                ui.WriteLine(Str(p, 2), (ConsoleColor)Int(p, 0), (ConsoleColor)Int(p, 1));
                return null;
            case RemoteHostMethodId.WriteErrorLine:
                ui.WriteErrorLine(Str(p, 0));
                return null;
            case RemoteHostMethodId.WriteDebugLine:
                ui.WriteDebugLine(Str(p, 0));
                return null;
            case RemoteHostMethodId.WriteVerboseLine:
                ui.WriteVerboseLine(Str(p, 0));
                return null;
            case RemoteHostMethodId.WriteWarningLine:
                ui.WriteWarningLine(Str(p, 0));
                return null;
            case RemoteHostMethodId.WriteProgress:
                ui.WriteProgress(PsValue.ConvertTo<long>(Arg(p, 0) ?? 0L), DecodeProgress(Arg(p, 1)));
                return null;
            case RemoteHostMethodId.Prompt:
                return await PromptAsync(ui, p, protect, ct).ConfigureAwait(false);
            case RemoteHostMethodId.PromptForCredential1 or RemoteHostMethodId.PromptForCredential2:
                var credential = await ui.PromptForCredentialAsync(Str(p, 0), Str(p, 1), OptStr(p, 2), OptStr(p, 3), ct).ConfigureAwait(false);
                return await EncodeCredentialAsync(credential, protect, ct).ConfigureAwait(false);
            case RemoteHostMethodId.PromptForChoice:
                return await ui.PromptForChoiceAsync(Str(p, 0), Str(p, 1), Choices(p, 2), Int(p, 3), ct).ConfigureAwait(false);
            case RemoteHostMethodId.PromptForChoiceMultipleSelection:
                var defaults = Items(Arg(p, 3)).Select(i => PsValue.ConvertTo<int>(i!)).ToArray();
                var picked = await ui.PromptForChoicesAsync(Str(p, 0), Str(p, 1), Choices(p, 2), defaults, ct).ConfigureAwait(false);
                return new PsObject(PsTypeNames.ArrayList) { BaseValue = new PsList(picked.Cast<object?>()) };
        }

        var raw = ui.RawUI ?? throw new PsrpHostException($"The remote command called {call.MethodId}, but this session's host has no raw console.");
        switch (call.MethodId)
        {
            case RemoteHostMethodId.GetForegroundColor:
                return (int)raw.ForegroundColor;
            case RemoteHostMethodId.SetForegroundColor:
                raw.ForegroundColor = (ConsoleColor)Int(p, 0);
                return null;
            case RemoteHostMethodId.GetBackgroundColor:
                return (int)raw.BackgroundColor;
            case RemoteHostMethodId.SetBackgroundColor:
                raw.BackgroundColor = (ConsoleColor)Int(p, 0);
                return null;
            case RemoteHostMethodId.GetCursorPosition:
                return HostDefaultData.Encode(raw.CursorPosition);
            case RemoteHostMethodId.SetCursorPosition:
                raw.CursorPosition = HostDefaultData.DecodeCoordinates(Arg(p, 0)!, call.MessageType);
                return null;
            case RemoteHostMethodId.GetWindowPosition:
                return HostDefaultData.Encode(raw.WindowPosition);
            case RemoteHostMethodId.SetWindowPosition:
                raw.WindowPosition = HostDefaultData.DecodeCoordinates(Arg(p, 0)!, call.MessageType);
                return null;
            case RemoteHostMethodId.GetCursorSize:
                return raw.CursorSize;
            case RemoteHostMethodId.SetCursorSize:
                raw.CursorSize = Int(p, 0);
                return null;
            case RemoteHostMethodId.GetBufferSize:
                return HostDefaultData.Encode(raw.BufferSize);
            case RemoteHostMethodId.SetBufferSize:
                raw.BufferSize = HostDefaultData.DecodeSize(Arg(p, 0)!, call.MessageType);
                return null;
            case RemoteHostMethodId.GetWindowSize:
                return HostDefaultData.Encode(raw.WindowSize);
            case RemoteHostMethodId.SetWindowSize:
                raw.WindowSize = HostDefaultData.DecodeSize(Arg(p, 0)!, call.MessageType);
                return null;
            case RemoteHostMethodId.GetMaxWindowSize:
                return HostDefaultData.Encode(raw.MaxWindowSize);
            case RemoteHostMethodId.GetMaxPhysicalWindowSize:
                return HostDefaultData.Encode(raw.MaxPhysicalWindowSize);
            case RemoteHostMethodId.GetWindowTitle:
                return raw.WindowTitle;
            case RemoteHostMethodId.SetWindowTitle:
                raw.WindowTitle = Str(p, 0);
                return null;
            case RemoteHostMethodId.GetKeyAvailable:
                return raw.KeyAvailable;
            case RemoteHostMethodId.ReadKey:
                var key = await raw.ReadKeyAsync(Int(p, 0), ct).ConfigureAwait(false);
                var keyInfo = new PsObject();
                keyInfo.ExtendedProperties.Add("virtualKeyCode", key.VirtualKeyCode);
                keyInfo.ExtendedProperties.Add("character", key.Character);
                keyInfo.ExtendedProperties.Add("controlKeyState", key.ControlKeyState);
                keyInfo.ExtendedProperties.Add("keyDown", key.KeyDown);
                return keyInfo;
            case RemoteHostMethodId.FlushInputBuffer:
                raw.FlushInputBuffer();
                return null;
            case RemoteHostMethodId.GetBufferContents or RemoteHostMethodId.SetBufferContents1 or
                 RemoteHostMethodId.SetBufferContents2 or RemoteHostMethodId.ScrollBufferContents:
                throw new NotSupportedException($"{call.MethodId} is not supported by this client, as by PowerShell's own remoting client.");
            default:
                throw new NotSupportedException($"Unknown host method {(int)call.MethodId}.");
        }
    }

    private static async ValueTask<object?> PromptAsync(
        IPsrpHostUI ui,
        IReadOnlyList<object?> p,
        Func<string, CancellationToken, ValueTask<PsSecureString>> protect,
        CancellationToken ct)
    {
        var fields = Items(Arg(p, 2)).Select(DecodeField).ToArray();
        var answers = await ui.PromptAsync(Str(p, 0), Str(p, 1), fields, ct).ConfigureAwait(false);
        var result = new PsDictionary();
        foreach (var field in fields)
        {
            if (!answers.TryGetValue(field.Name, out var answer))
            {
                continue;
            }

            object? encoded = answer switch
            {
                string s when field.IsSecureString => await protect(s, ct).ConfigureAwait(false),
                HostCredential c => await EncodeCredentialAsync(c, protect, ct).ConfigureAwait(false),
                IEnumerable<string> many when answer is not string => new PsObject(PsTypeNames.ObjectArray) { BaseValue = new PsList(many) },
                _ => answer,
            };
            result.Add(field.Name, encoded);
        }

        return new PsObject(PsTypeNames.Hashtable) { BaseValue = result };
    }

    private static async ValueTask<PsObject> EncodeCredentialAsync(HostCredential credential, Func<string, CancellationToken, ValueTask<PsSecureString>> protect, CancellationToken ct)
    {
        var obj = new PsObject(CredentialNames) { ToStringValue = "System.Management.Automation.PSCredential" };
        obj.AdaptedProperties.Add("UserName", credential.UserName);
        obj.AdaptedProperties.Add("Password", await protect(credential.Password, ct).ConfigureAwait(false));
        return obj;
    }

    private static HostFieldDescription DecodeField(object? value)
    {
        var f = value as PsObject ?? throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, "A Prompt field description is not an object.");
        return new HostFieldDescription(
            f["name"] as string ?? string.Empty,
            f["label"] as string ?? string.Empty,
            f["parameterTypeName"] as string ?? "String",
            f["parameterTypeFullName"] as string ?? "System.String",
            f["helpMessage"] as string ?? string.Empty,
            f["isMandatory"] is true);
    }

    private static IReadOnlyList<HostChoiceDescription> Choices(IReadOnlyList<object?> p, int index) =>
        Items(Arg(p, index))
            .Select(c => c as PsObject ?? throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, "A choice description is not an object."))
            .Select(c => new HostChoiceDescription(c["label"] as string ?? string.Empty, c["helpMessage"] as string ?? string.Empty))
            .ToArray();

    private static PsProgressRecord DecodeProgress(object? value)
    {
        var r = value as PsObject ?? throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, "A progress record is not an object.");
        return new PsProgressRecord
        {
            Activity = r["Activity"] as string ?? string.Empty,
            ActivityId = r.Get("ActivityId", 0),
            StatusDescription = r["StatusDescription"] as string ?? string.Empty,
            CurrentOperation = r["CurrentOperation"] as string,
            ParentActivityId = r.Get("ParentActivityId", -1),
            PercentComplete = r.Get("PercentComplete", -1),
            RecordType = ((ProgressRecordType)r.Get("Type", 0)).ToString(),
            SecondsRemaining = r.Get("SecondsRemaining", -1),
        };
    }

    private static IEnumerable<object?> Items(object? value) => value switch
    {
        null => [],
        PsObject { BaseValue: PsList list } => list,
        PsList list => list,
        _ => [value],
    };

    private static object? Arg(IReadOnlyList<object?> p, int index) =>
        index < p.Count ? p[index] : throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, $"A host call has {p.Count} parameters; parameter {index + 1} is missing.");

    private static string Str(IReadOnlyList<object?> p, int index) => OptStr(p, index) ?? string.Empty;

    private static string? OptStr(IReadOnlyList<object?> p, int index) =>
        index < p.Count ? p[index] switch { null => null, string s => s, var v => Convert.ToString(v, CultureInfo.InvariantCulture) } : null;

    private static int Int(IReadOnlyList<object?> p, int index) => PsValue.ConvertTo<int>(Arg(p, index) ?? 0);
}
