using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>
/// An ErrorRecord as remoting carries it (PowerShell's ToPSObjectForRemoting shape): the
/// exception object, the flattened <c>ErrorCategory_*</c>/<c>ErrorDetails_*</c> notes and the
/// optional invocation info. The received object is kept in <see cref="Source"/>, so notes this
/// type does not surface still reach a caller, and re-encoding an unchanged record is lossless.
/// </summary>
public sealed class PsErrorRecord
{
    private static readonly PsTypeNames ErrorRecordNames = new("System.Management.Automation.ErrorRecord", "System.Object");

    /// <summary>The error message: the exception's Message, else the record's ToString.</summary>
    public required string Message { get; init; }

    /// <summary>The most derived type name of the exception (without a <c>Deserialized.</c> prefix), when known.</summary>
    public string? ExceptionTypeName { get; init; }

    /// <summary>The serialized exception, as received.</summary>
    public PsObject? Exception { get; init; }

    /// <summary>The object the error was about.</summary>
    public object? TargetObject { get; init; }

    /// <summary>FullyQualifiedErrorId, e.g. <c>CommandNotFoundException</c>.</summary>
    public string FullyQualifiedErrorId { get; init; } = string.Empty;

    /// <summary>The error category.</summary>
    public ErrorCategory Category { get; init; }

    /// <summary>ErrorCategory_Activity.</summary>
    public string? CategoryActivity { get; init; }

    /// <summary>ErrorCategory_Reason.</summary>
    public string? CategoryReason { get; init; }

    /// <summary>ErrorCategory_TargetName.</summary>
    public string? CategoryTargetName { get; init; }

    /// <summary>ErrorCategory_TargetType.</summary>
    public string? CategoryTargetType { get; init; }

    /// <summary>ErrorCategory_Message, the one-line category summary.</summary>
    public string? CategoryMessage { get; init; }

    /// <summary>ErrorDetails_Message, which overrides the exception message in PowerShell's display.</summary>
    public string? ErrorDetailsMessage { get; init; }

    /// <summary>ErrorDetails_RecommendedAction.</summary>
    public string? RecommendedAction { get; init; }

    /// <summary>ErrorDetails_ScriptStackTrace.</summary>
    public string? ScriptStackTrace { get; init; }

    /// <summary>InvocationInfo_PositionMessage when the server serialized extended info.</summary>
    public string? PositionMessage { get; init; }

    /// <summary>The object as received; null for records built locally.</summary>
    public PsObject? Source { get; init; }

    /// <summary>Builds a record for an error raised on this side (e.g. a host method that failed).</summary>
    public static PsErrorRecord FromException(Exception exception, string errorId, ErrorCategory category, object? targetObject = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new PsErrorRecord
        {
            Message = exception.Message,
            ExceptionTypeName = exception.GetType().FullName,
            FullyQualifiedErrorId = errorId,
            Category = category,
            CategoryReason = exception.GetType().Name,
            TargetObject = targetObject,
        };
    }

    /// <summary>Reads a received ErrorRecord object.</summary>
    /// <exception cref="PsrpProtocolException">A field holds a value of the wrong kind (a category that is no number).</exception>
    public static PsErrorRecord FromPsObject(PsObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var exception = obj["Exception"] as PsObject;
        var message = exception?["Message"] as string
            ?? obj["ErrorDetails_Message"] as string
            ?? obj.ToStringValue
            ?? string.Empty;
        return new PsErrorRecord
        {
            Message = message,
            ExceptionTypeName = StripDeserialized(exception?.TypeNames.MostDerived),
            Exception = exception,
            TargetObject = obj["TargetObject"],
            FullyQualifiedErrorId = obj["FullyQualifiedErrorId"] as string ?? string.Empty,
            Category = ReadCategory(obj["ErrorCategory_Category"]),
            CategoryActivity = obj["ErrorCategory_Activity"] as string,
            CategoryReason = obj["ErrorCategory_Reason"] as string,
            CategoryTargetName = obj["ErrorCategory_TargetName"] as string,
            CategoryTargetType = obj["ErrorCategory_TargetType"] as string,
            CategoryMessage = obj["ErrorCategory_Message"] as string,
            ErrorDetailsMessage = obj["ErrorDetails_Message"] as string,
            RecommendedAction = obj["ErrorDetails_RecommendedAction"] as string,
            ScriptStackTrace = obj["ErrorDetails_ScriptStackTrace"] as string,
            PositionMessage = obj["InvocationInfo_PositionMessage"] as string,
            Source = obj,
        };
    }

    /// <summary>
    /// The category as PowerShell's remoting decoder reads it: a number outside the enum is kept (a
    /// newer server may know more categories), a value that is no int at all is a protocol error.
    /// </summary>
    private static ErrorCategory ReadCategory(object? value)
    {
        if (value is null)
        {
            return ErrorCategory.NotSpecified;
        }

        try
        {
            return (ErrorCategory)PsValue.ConvertTo<int>(value);
        }
        catch (InvalidCastException ex)
        {
            throw new PsrpProtocolException(
                PsrpProtocolError.InvalidValue,
                $"An ErrorRecord's ErrorCategory_Category property holds a {value.GetType().Name} that is not a category number: {ex.Message}",
                ex);
        }
    }

    /// <summary>Reads an ErrorRecord-valued field, or null when it is absent or Nil.</summary>
    internal static PsErrorRecord? FromOptional(PsObject body, string name, MessageType type) =>
        PayloadFields.OptionalObject(body, name, type) is { } obj ? FromPsObject(obj) : null;

    private static string? StripDeserialized(string? typeName) =>
        typeName is not null && typeName.StartsWith("Deserialized.", StringComparison.Ordinal) ? typeName["Deserialized.".Length..] : typeName;

    /// <summary>The remoting shape of this record: <see cref="Source"/> when it came from the wire, else built in PowerShell's layout.</summary>
    public PsObject ToPsObject()
    {
        if (Source is not null)
        {
            return Source;
        }

        var exceptionType = ExceptionTypeName ?? "System.Exception";
        var exception = new PsObject(exceptionType == "System.Exception"
            ? new PsTypeNames("System.Exception", "System.Object")
            : new PsTypeNames(exceptionType, "System.Exception", "System.Object"))
        {
            ToStringValue = $"{exceptionType}: {Message}",
        };
        exception.AdaptedProperties.Add("Message", Message);
        exception.AdaptedProperties.Add("HResult", -2146233088);

        var obj = new PsObject(ErrorRecordNames) { ToStringValue = ErrorDetailsMessage ?? Message };
        var notes = obj.ExtendedProperties;
        notes.Add("Exception", exception);
        notes.Add("TargetObject", TargetObject);
        notes.Add("FullyQualifiedErrorId", FullyQualifiedErrorId);
        notes.Add("InvocationInfo", null);
        notes.Add("ErrorCategory_Category", (int)Category);
        notes.Add("ErrorCategory_Activity", CategoryActivity ?? string.Empty);
        notes.Add("ErrorCategory_Reason", CategoryReason ?? string.Empty);
        notes.Add("ErrorCategory_TargetName", CategoryTargetName ?? string.Empty);
        notes.Add("ErrorCategory_TargetType", CategoryTargetType ?? string.Empty);
        notes.Add("ErrorCategory_Message", CategoryMessage ?? $"{Category}: ({CategoryTargetName}:{CategoryTargetType}) [{CategoryActivity}], {CategoryReason}");
        if (ErrorDetailsMessage is not null)
        {
            notes.Add("ErrorDetails_Message", ErrorDetailsMessage);
        }

        if (RecommendedAction is not null)
        {
            notes.Add("ErrorDetails_RecommendedAction", RecommendedAction);
        }

        notes.Add("SerializeExtendedInfo", false);
        if (ScriptStackTrace is not null)
        {
            notes.Add("ErrorDetails_ScriptStackTrace", ScriptStackTrace);
        }

        return obj;
    }

    /// <inheritdoc />
    public override string ToString() => ErrorDetailsMessage ?? Message;
}
