namespace Psrp.Serialization;

/// <summary>The CLIXML element names, as the scanner recognizes them without allocating a string.</summary>
internal enum ClixmlTag : byte
{
    Unknown,
    Objs, Obj, Ref, TN, TNRef, T, ToString, Props, MS, LST, IE, STK, QUE, DCT, En,
    S, C, B, DT, TS, By, SB, U16, I16, U32, I32, U64, I64, Sg, Db, D, BA, G, URI, Version, XD, SBK, SS, PR, Nil,

    // Children of <PR> (progress record): activity, activity id, parent id, percent, seconds, status.
    AV, AI, PI, PC, SR, SD,
}

/// <summary>Maps an element's local name (UTF-8) to its <see cref="ClixmlTag"/>.</summary>
internal static class ClixmlTags
{
    public static ClixmlTag Lookup(ReadOnlySpan<byte> name)
    {
        switch (name.Length)
        {
            case 1:
                return name[0] switch
                {
                    (byte)'S' => ClixmlTag.S,
                    (byte)'C' => ClixmlTag.C,
                    (byte)'B' => ClixmlTag.B,
                    (byte)'D' => ClixmlTag.D,
                    (byte)'G' => ClixmlTag.G,
                    (byte)'T' => ClixmlTag.T,
                    _ => ClixmlTag.Unknown,
                };
            case 2:
                return (name[0], name[1]) switch
                {
                    ((byte)'T', (byte)'N') => ClixmlTag.TN,
                    ((byte)'M', (byte)'S') => ClixmlTag.MS,
                    ((byte)'I', (byte)'E') => ClixmlTag.IE,
                    ((byte)'E', (byte)'n') => ClixmlTag.En,
                    ((byte)'D', (byte)'T') => ClixmlTag.DT,
                    ((byte)'T', (byte)'S') => ClixmlTag.TS,
                    ((byte)'B', (byte)'y') => ClixmlTag.By,
                    ((byte)'S', (byte)'B') => ClixmlTag.SB,
                    ((byte)'S', (byte)'g') => ClixmlTag.Sg,
                    ((byte)'D', (byte)'b') => ClixmlTag.Db,
                    ((byte)'B', (byte)'A') => ClixmlTag.BA,
                    ((byte)'X', (byte)'D') => ClixmlTag.XD,
                    ((byte)'S', (byte)'S') => ClixmlTag.SS,
                    ((byte)'P', (byte)'R') => ClixmlTag.PR,
                    ((byte)'A', (byte)'V') => ClixmlTag.AV,
                    ((byte)'A', (byte)'I') => ClixmlTag.AI,
                    ((byte)'P', (byte)'I') => ClixmlTag.PI,
                    ((byte)'P', (byte)'C') => ClixmlTag.PC,
                    ((byte)'S', (byte)'R') => ClixmlTag.SR,
                    ((byte)'S', (byte)'D') => ClixmlTag.SD,
                    _ => ClixmlTag.Unknown,
                };
            case 3:
                return name.SequenceEqual("Obj"u8) ? ClixmlTag.Obj
                    : name.SequenceEqual("Ref"u8) ? ClixmlTag.Ref
                    : name.SequenceEqual("LST"u8) ? ClixmlTag.LST
                    : name.SequenceEqual("I32"u8) ? ClixmlTag.I32
                    : name.SequenceEqual("Nil"u8) ? ClixmlTag.Nil
                    : name.SequenceEqual("I64"u8) ? ClixmlTag.I64
                    : name.SequenceEqual("DCT"u8) ? ClixmlTag.DCT
                    : name.SequenceEqual("STK"u8) ? ClixmlTag.STK
                    : name.SequenceEqual("QUE"u8) ? ClixmlTag.QUE
                    : name.SequenceEqual("U16"u8) ? ClixmlTag.U16
                    : name.SequenceEqual("I16"u8) ? ClixmlTag.I16
                    : name.SequenceEqual("U32"u8) ? ClixmlTag.U32
                    : name.SequenceEqual("U64"u8) ? ClixmlTag.U64
                    : name.SequenceEqual("URI"u8) ? ClixmlTag.URI
                    : name.SequenceEqual("SBK"u8) ? ClixmlTag.SBK
                    : ClixmlTag.Unknown;
            case 4:
                return name.SequenceEqual("Objs"u8) ? ClixmlTag.Objs : ClixmlTag.Unknown;
            case 5:
                return name.SequenceEqual("TNRef"u8) ? ClixmlTag.TNRef
                    : name.SequenceEqual("Props"u8) ? ClixmlTag.Props
                    : ClixmlTag.Unknown;
            case 7:
                return name.SequenceEqual("Version"u8) ? ClixmlTag.Version : ClixmlTag.Unknown;
            case 8:
                return name.SequenceEqual("ToString"u8) ? ClixmlTag.ToString : ClixmlTag.Unknown;
            default:
                return ClixmlTag.Unknown;
        }
    }
}
