using System.Reflection;
using System.Runtime.ExceptionServices;
using Renci.SshNet;

namespace Psrp.Providers.Ssh;

/// <summary>
/// A raw SSH session channel (RFC 4254 §6) on an SSH.NET client, able to request a subsystem or
/// an exec. This is the one file that reaches into SSH.NET's internals; nothing else may.
/// </summary>
/// <remarks>
/// <para>
/// Why internals: SSH.NET's public API offers exec (<c>SshCommand</c>), shells and SFTP, but no
/// channel for an arbitrary subsystem such as <c>powershell</c> (SSH.NET issue 1714). Its own SFTP
/// client opens one through the internal <c>ISession.CreateChannelSession()</c> and
/// <c>IChannelSession.SendSubsystemRequest</c>; we do the same by reflection. Exec goes through
/// the same channel type so both modes share one stream (the public <c>SshCommand</c> streams only
/// offer blocking reads).
/// </para>
/// <para>
/// What is used, all verified against SSH.NET 2026.0.0: the non-public property
/// <c>BaseClient.Session</c> (an internal <c>ISession</c>); <c>ISession.CreateChannelSession()</c>
/// (an internal <c>IChannelSession</c>); on it <c>Open()</c>, <c>SendSubsystemRequest(string)</c>,
/// <c>SendExecRequest(string)</c>; on <c>IChannel</c> <c>SendData(byte[], int, int)</c>, <c>SendEof()</c>,
/// <c>IsOpen</c>, <c>Dispose()</c> and the events <c>DataReceived</c>, <c>ExtendedDataReceived</c>,
/// <c>RequestReceived</c>, <c>Closed</c>, <c>Exception</c>, whose argument types are internal:
/// <c>ChannelDataEventArgs.Data</c> (an <c>ArraySegment&lt;byte&gt;</c>), <c>ChannelRequestEventArgs.Info</c>
/// (an <c>ExitStatusRequestInfo</c> with <c>ExitStatus</c>, or an <c>ExitSignalRequestInfo</c> with
/// <c>SignalName</c>). Handlers taking <c>(object, EventArgs)</c> are bound to those event types
/// with <see cref="Delegate.CreateDelegate(Type, object, MethodInfo)"/> (parameter contravariance).
/// </para>
/// <para>
/// If an SSH.NET upgrade moves any of it, <see cref="Verify"/> throws <see cref="SshNetSeamException"/>
/// naming the missing member, at first use and in the test <c>SshNetChannelSeamTests</c>, never a
/// <see cref="NullReferenceException"/> deep in a session. Delete this file when SSH.NET makes
/// subsystem channels public.
/// </para>
/// </remarks>
internal sealed class SshNetChannel : IDisposable
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    private static readonly Lazy<Seam> Members = new(Seam.Resolve, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly object _channel;
    private readonly Seam _seam;
    private readonly Action<byte[], int, int> _sendData;
    private readonly Action _sendEof;
    private readonly Func<bool> _isOpen;
    private readonly List<(EventInfo Event, Delegate Handler)> _subscriptions = [];
    private readonly ISshChannelListener _listener;

    private SshNetChannel(object channel, Seam seam, ISshChannelListener listener)
    {
        _channel = channel;
        _seam = seam;
        _listener = listener;
        _sendData = (Action<byte[], int, int>)Delegate.CreateDelegate(typeof(Action<byte[], int, int>), channel, seam.SendData);
        _sendEof = (Action)Delegate.CreateDelegate(typeof(Action), channel, seam.SendEof);
        _isOpen = (Func<bool>)Delegate.CreateDelegate(typeof(Func<bool>), channel, seam.IsOpen);
        Subscribe(seam.DataReceived, nameof(OnData));
        Subscribe(seam.ExtendedDataReceived, nameof(OnExtendedData));
        Subscribe(seam.RequestReceived, nameof(OnRequest));
        Subscribe(seam.Closed, nameof(OnClosed));
        Subscribe(seam.Exception, nameof(OnException));
    }

    /// <summary>The SSH.NET version this seam was written against and tested with.</summary>
    public static Version TestedVersion { get; } = new(2026, 0, 0);

    /// <summary>True while the channel is open (SSH.NET's view).</summary>
    public bool IsOpen => _isOpen();

    /// <summary>
    /// Checks that every internal member this file uses exists with the expected shape; throws
    /// <see cref="SshNetSeamException"/> naming what moved.
    /// </summary>
    public static void Verify() => _ = Members.Value;

    /// <summary>
    /// Creates (does not open) a session channel on a connected client; events go to
    /// <paramref name="listener"/>, subscribed before the channel opens so no data is missed.
    /// </summary>
    public static SshNetChannel Create(SshClient client, ISshChannelListener listener)
    {
        var seam = Members.Value;
        var session = seam.Session.GetValue(client)
            ?? throw new InvalidOperationException("The SSH client is not connected.");
        var channel = Invoke(seam.CreateChannelSession, session);
        return new SshNetChannel(channel!, seam, listener);
    }

    /// <summary>Opens the channel (blocks until the server confirms, up to the connection timeout).</summary>
    public void Open() => Invoke(_seam.Open, _channel);

    /// <summary>Asks the server to start <paramref name="subsystem"/> on the channel; false when refused.</summary>
    public bool RequestSubsystem(string subsystem) => (bool)Invoke(_seam.SendSubsystemRequest, _channel, subsystem)!;

    /// <summary>Asks the server to run <paramref name="command"/> on the channel; false when refused.</summary>
    public bool RequestExec(string command) => (bool)Invoke(_seam.SendExecRequest, _channel, command)!;

    /// <summary>Sends bytes; blocks while the server's window is full. A closed channel drops them silently (SSH.NET's behavior).</summary>
    public void Send(byte[] buffer, int offset, int count) => _sendData(buffer, offset, count);

    /// <summary>Tells the server no more data follows (the subsystem's stdin closes).</summary>
    public void SendEof() => _sendEof();

    /// <summary>Closes the channel (sends CLOSE and waits briefly for the server's) and detaches the handlers.</summary>
    public void Dispose()
    {
        foreach (var (e, handler) in _subscriptions)
        {
            e.RemoveEventHandler(_channel, handler);
        }

        _subscriptions.Clear();
        ((IDisposable)_channel).Dispose();
    }

    private static object? Invoke(MethodInfo method, object target, params object?[] args)
    {
        try
        {
            return method.Invoke(target, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    private void Subscribe(EventInfo e, string handlerName)
    {
        var method = typeof(SshNetChannel).GetMethod(handlerName, Instance)!;
        var handler = Delegate.CreateDelegate(e.EventHandlerType!, this, method);
        e.AddEventHandler(_channel, handler);
        _subscriptions.Add((e, handler));
    }

    private void OnData(object? sender, EventArgs e) =>
        _listener.OnData((ArraySegment<byte>)_seam.Data.GetValue(e)!);

    private void OnExtendedData(object? sender, EventArgs e) =>
        _listener.OnExtendedData((ArraySegment<byte>)_seam.Data.GetValue(e)!);

    private void OnRequest(object? sender, EventArgs e)
    {
        var info = _seam.Info.GetValue(e);
        switch (info?.GetType().Name)
        {
            case "ExitStatusRequestInfo":
                _listener.OnExitStatus(Convert.ToInt64(info.GetType().GetProperty("ExitStatus", Instance)?.GetValue(info), System.Globalization.CultureInfo.InvariantCulture));
                break;
            case "ExitSignalRequestInfo":
                _listener.OnExitSignal(info.GetType().GetProperty("SignalName", Instance)?.GetValue(info) as string ?? "?");
                break;
        }
    }

    private void OnClosed(object? sender, EventArgs e) => _listener.OnClosed();

    private void OnException(object? sender, EventArgs e) =>
        _listener.OnException((e as Renci.SshNet.Common.ExceptionEventArgs)?.Exception ?? new IOException("The SSH channel failed."));

    /// <summary>The resolved internal members; built once.</summary>
    private sealed record Seam(
        PropertyInfo Session,
        MethodInfo CreateChannelSession,
        MethodInfo Open,
        MethodInfo SendSubsystemRequest,
        MethodInfo SendExecRequest,
        MethodInfo SendData,
        MethodInfo SendEof,
        MethodInfo IsOpen,
        EventInfo DataReceived,
        EventInfo ExtendedDataReceived,
        EventInfo RequestReceived,
        EventInfo Closed,
        EventInfo Exception,
        PropertyInfo Data,
        PropertyInfo Info)
    {
        public static Seam Resolve()
        {
            var assembly = typeof(SshClient).Assembly;
            Type TypeNamed(string name) => assembly.GetType(name) ?? throw Missing($"type {name}");

            var iSession = TypeNamed("Renci.SshNet.ISession");
            var iChannel = TypeNamed("Renci.SshNet.Channels.IChannel");
            var iChannelSession = TypeNamed("Renci.SshNet.Channels.IChannelSession");
            var dataArgs = TypeNamed("Renci.SshNet.Common.ChannelDataEventArgs");
            var requestArgs = TypeNamed("Renci.SshNet.Common.ChannelRequestEventArgs");

            var session = typeof(BaseClient).GetProperty("Session", Instance);
            if (session is null || session.PropertyType != iSession)
            {
                throw Missing("property BaseClient.Session of type ISession");
            }

            MethodInfo MethodOf(Type type, string name, Type returns, params Type[] parameters)
            {
                var method = type.GetMethod(name, Instance, parameters);
                return method is not null && method.ReturnType == returns
                    ? method
                    : throw Missing($"method {returns.Name} {type.Name}.{name}({string.Join(", ", parameters.Select(p => p.Name))})");
            }

            EventInfo EventOf(string name, Type argsType)
            {
                var e = iChannel.GetEvent(name, Instance);
                var expected = typeof(EventHandler<>).MakeGenericType(argsType);
                return e is not null && e.EventHandlerType == expected ? e : throw Missing($"event IChannel.{name} of type EventHandler<{argsType.Name}>");
            }

            PropertyInfo PropertyOf(Type type, string name, Type? propertyType)
            {
                var p = type.GetProperty(name, Instance);
                return p is not null && (propertyType is null || p.PropertyType == propertyType) ? p : throw Missing($"property {type.Name}.{name}");
            }

            return new Seam(
                session,
                MethodOf(iSession, "CreateChannelSession", iChannelSession),
                MethodOf(iChannelSession, "Open", typeof(void)),
                MethodOf(iChannelSession, "SendSubsystemRequest", typeof(bool), typeof(string)),
                MethodOf(iChannelSession, "SendExecRequest", typeof(bool), typeof(string)),
                MethodOf(iChannel, "SendData", typeof(void), typeof(byte[]), typeof(int), typeof(int)),
                MethodOf(iChannel, "SendEof", typeof(void)),
                PropertyOf(iChannel, "IsOpen", typeof(bool)).GetMethod!,
                EventOf("DataReceived", dataArgs),
                EventOf("ExtendedDataReceived", TypeNamed("Renci.SshNet.Common.ChannelExtendedDataEventArgs")),
                EventOf("RequestReceived", requestArgs),
                EventOf("Closed", TypeNamed("Renci.SshNet.Common.ChannelEventArgs")),
                EventOf("Exception", typeof(Renci.SshNet.Common.ExceptionEventArgs)),
                PropertyOf(dataArgs, "Data", typeof(ArraySegment<byte>)),
                PropertyOf(requestArgs, "Info", null));
        }

        private static SshNetSeamException Missing(string what)
        {
            var version = typeof(SshClient).Assembly.GetName().Version;
            return new SshNetSeamException(
                $"SSH.NET {version} no longer has the internal {what} that the ssh provider uses to open subsystem channels " +
                $"(tested with SSH.NET {TestedVersion}; see SSH.NET issue 1714). Pin SSH.NET to {TestedVersion} or update SshNetChannel.cs; " +
                "meanwhile the openssh provider (-Provider openssh) works without SSH.NET.");
        }
    }
}
