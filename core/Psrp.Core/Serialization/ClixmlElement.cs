namespace Psrp.Serialization;

/// <summary>The element and attribute names of CLIXML (PowerShell's SerializationStrings).</summary>
internal static class ClixmlElement
{
    public const string Namespace = "http://schemas.microsoft.com/powershell/2004/04";
    public const string DocumentVersion = "1.1.0.1";

    public const string Objs = "Objs";
    public const string Obj = "Obj";
    public const string Ref = "Ref";
    public const string TypeNames = "TN";
    public const string TypeNamesRef = "TNRef";
    public const string TypeName = "T";
    public const string ToStringElement = "ToString";
    public const string Adapted = "Props";
    public const string Extended = "MS";
    public const string List = "LST";
    public const string Enumerable = "IE";
    public const string Stack = "STK";
    public const string Queue = "QUE";
    public const string Dictionary = "DCT";
    public const string DictionaryEntry = "En";
    public const string DictionaryKey = "Key";
    public const string DictionaryValue = "Value";

    public const string String = "S";
    public const string Char = "C";
    public const string Boolean = "B";
    public const string DateTime = "DT";
    public const string TimeSpan = "TS";
    public const string Byte = "By";
    public const string SByte = "SB";
    public const string UInt16 = "U16";
    public const string Int16 = "I16";
    public const string UInt32 = "U32";
    public const string Int32 = "I32";
    public const string UInt64 = "U64";
    public const string Int64 = "I64";
    public const string Single = "Sg";
    public const string Double = "Db";
    public const string Decimal = "D";
    public const string ByteArray = "BA";
    public const string Guid = "G";
    public const string Uri = "URI";
    public const string Version = "Version";
    public const string XmlDocument = "XD";
    public const string ScriptBlock = "SBK";
    public const string SecureString = "SS";
    public const string ProgressRecord = "PR";
    public const string Nil = "Nil";

    public const string NameAttribute = "N";
    public const string RefIdAttribute = "RefId";
}
