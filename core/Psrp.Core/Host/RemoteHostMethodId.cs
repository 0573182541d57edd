namespace Psrp.Host;

/// <summary>
/// The host methods a server can call on the client (PowerShell's RemoteHostMethodId). Ids 1–10
/// are PSHost, 11–26 and 56 PSHostUserInterface, 27–51 PSHostRawUserInterface, 52–55 IHostSupportsInteractiveSession.
/// </summary>
/// <remarks>On the wire: an enum object of type <c>System.Management.Automation.Remoting.RemoteHostMethodId</c>.</remarks>
public enum RemoteHostMethodId
{
    /// <summary>Host method GetName.</summary>
    GetName = 1,

    /// <summary>Host method GetVersion.</summary>
    GetVersion = 2,

    /// <summary>Host method GetInstanceId.</summary>
    GetInstanceId = 3,

    /// <summary>Host method GetCurrentCulture.</summary>
    GetCurrentCulture = 4,

    /// <summary>Host method GetCurrentUICulture.</summary>
    GetCurrentUICulture = 5,

    /// <summary>Host method SetShouldExit.</summary>
    SetShouldExit = 6,

    /// <summary>Host method EnterNestedPrompt.</summary>
    EnterNestedPrompt = 7,

    /// <summary>Host method ExitNestedPrompt.</summary>
    ExitNestedPrompt = 8,

    /// <summary>Host method NotifyBeginApplication.</summary>
    NotifyBeginApplication = 9,

    /// <summary>Host method NotifyEndApplication.</summary>
    NotifyEndApplication = 10,

    /// <summary>Host method ReadLine.</summary>
    ReadLine = 11,

    /// <summary>Host method ReadLineAsSecureString.</summary>
    ReadLineAsSecureString = 12,

    /// <summary>Host method Write1.</summary>
    Write1 = 13,

    /// <summary>Host method Write2.</summary>
    Write2 = 14,

    /// <summary>Host method WriteLine1.</summary>
    WriteLine1 = 15,

    /// <summary>Host method WriteLine2.</summary>
    WriteLine2 = 16,

    /// <summary>Host method WriteLine3.</summary>
    WriteLine3 = 17,

    /// <summary>Host method WriteErrorLine.</summary>
    WriteErrorLine = 18,

    /// <summary>Host method WriteDebugLine.</summary>
    WriteDebugLine = 19,

    /// <summary>Host method WriteProgress.</summary>
    WriteProgress = 20,

    /// <summary>Host method WriteVerboseLine.</summary>
    WriteVerboseLine = 21,

    /// <summary>Host method WriteWarningLine.</summary>
    WriteWarningLine = 22,

    /// <summary>Host method Prompt.</summary>
    Prompt = 23,

    /// <summary>Host method PromptForCredential1.</summary>
    PromptForCredential1 = 24,

    /// <summary>Host method PromptForCredential2.</summary>
    PromptForCredential2 = 25,

    /// <summary>Host method PromptForChoice.</summary>
    PromptForChoice = 26,

    /// <summary>Host method GetForegroundColor.</summary>
    GetForegroundColor = 27,

    /// <summary>Host method SetForegroundColor.</summary>
    SetForegroundColor = 28,

    /// <summary>Host method GetBackgroundColor.</summary>
    GetBackgroundColor = 29,

    /// <summary>Host method SetBackgroundColor.</summary>
    SetBackgroundColor = 30,

    /// <summary>Host method GetCursorPosition.</summary>
    GetCursorPosition = 31,

    /// <summary>Host method SetCursorPosition.</summary>
    SetCursorPosition = 32,

    /// <summary>Host method GetWindowPosition.</summary>
    GetWindowPosition = 33,

    /// <summary>Host method SetWindowPosition.</summary>
    SetWindowPosition = 34,

    /// <summary>Host method GetCursorSize.</summary>
    GetCursorSize = 35,

    /// <summary>Host method SetCursorSize.</summary>
    SetCursorSize = 36,

    /// <summary>Host method GetBufferSize.</summary>
    GetBufferSize = 37,

    /// <summary>Host method SetBufferSize.</summary>
    SetBufferSize = 38,

    /// <summary>Host method GetWindowSize.</summary>
    GetWindowSize = 39,

    /// <summary>Host method SetWindowSize.</summary>
    SetWindowSize = 40,

    /// <summary>Host method GetWindowTitle.</summary>
    GetWindowTitle = 41,

    /// <summary>Host method SetWindowTitle.</summary>
    SetWindowTitle = 42,

    /// <summary>Host method GetMaxWindowSize.</summary>
    GetMaxWindowSize = 43,

    /// <summary>Host method GetMaxPhysicalWindowSize.</summary>
    GetMaxPhysicalWindowSize = 44,

    /// <summary>Host method GetKeyAvailable.</summary>
    GetKeyAvailable = 45,

    /// <summary>Host method ReadKey.</summary>
    ReadKey = 46,

    /// <summary>Host method FlushInputBuffer.</summary>
    FlushInputBuffer = 47,

    /// <summary>Host method SetBufferContents1.</summary>
    SetBufferContents1 = 48,

    /// <summary>Host method SetBufferContents2.</summary>
    SetBufferContents2 = 49,

    /// <summary>Host method GetBufferContents.</summary>
    GetBufferContents = 50,

    /// <summary>Host method ScrollBufferContents.</summary>
    ScrollBufferContents = 51,

    /// <summary>Host method PushRunspace.</summary>
    PushRunspace = 52,

    /// <summary>Host method PopRunspace.</summary>
    PopRunspace = 53,

    /// <summary>Host method GetIsRunspacePushed.</summary>
    GetIsRunspacePushed = 54,

    /// <summary>Host method GetRunspace.</summary>
    GetRunspace = 55,

    /// <summary>Host method PromptForChoiceMultipleSelection.</summary>
    PromptForChoiceMultipleSelection = 56,
}
