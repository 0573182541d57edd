namespace Psrp.Tests.Serialization.Support;

// Enums over every underlying type PowerShell writes differently (By, SB, I16, U16, U32, I64, U64).
#pragma warning disable CA1008, CA1028, CA1027, CA2217 // test shapes, not API design

public enum ByteEnum : byte { None = 0, Max = byte.MaxValue }

public enum SByteEnum : sbyte { Min = sbyte.MinValue, One = 1 }

public enum ShortEnum : short { Min = short.MinValue }

public enum UShortEnum : ushort { Max = ushort.MaxValue }

public enum UIntEnum : uint { Max = uint.MaxValue }

public enum LongEnum : long { Min = long.MinValue, Max = long.MaxValue }

[Flags]
public enum ULongFlags : ulong { None = 0, Low = 1, Top = 0x8000_0000_0000_0000 }

[Flags]
public enum Access { None = 0, Read = 1, Write = 2, Execute = 4 }

#pragma warning restore CA1008, CA1028, CA1027, CA2217
