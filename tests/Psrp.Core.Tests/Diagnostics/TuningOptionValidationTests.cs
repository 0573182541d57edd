using Psrp.Client;
using Psrp.OutOfProc;
using Psrp.Transport;

namespace Psrp.Core.Tests.Diagnostics;

/// <summary>Every tuning knob refuses what the protocol cannot carry with a typed error naming it.</summary>
public class TuningOptionValidationTests
{
    public static TheoryData<TransportOptions, string> BadTransportOptions => new()
    {
        { new TransportOptions { MaxFragmentSize = 21 }, nameof(TransportOptions.MaxFragmentSize) },
        { new TransportOptions { MaxFragmentSize = 0 }, nameof(TransportOptions.MaxFragmentSize) },
        { new TransportOptions { MaxFragmentSize = -5 }, nameof(TransportOptions.MaxFragmentSize) },
        { new TransportOptions { MaxFragmentSize = int.MaxValue }, nameof(TransportOptions.MaxFragmentSize) },
        { new TransportOptions { MaxFragmentsPerPacket = 0 }, nameof(TransportOptions.MaxFragmentsPerPacket) },
        { new TransportOptions { MaxEnvelopeSize = 1000 }, nameof(TransportOptions.MaxEnvelopeSize) },
        { new TransportOptions { ReceiveBufferSize = 16 }, nameof(TransportOptions.ReceiveBufferSize) },
        { new TransportOptions { ReceiveBufferSize = int.MaxValue }, nameof(TransportOptions.ReceiveBufferSize) },
        { new TransportOptions { ReceiveQueueCapacity = 0 }, nameof(TransportOptions.ReceiveQueueCapacity) },
    };

    [Theory]
    [MemberData(nameof(BadTransportOptions))]
    public void Transport_options_the_protocol_cannot_carry_are_refused(TransportOptions options, string option)
    {
        var error = Assert.Throws<PsrpOptionException>(options.Validate);
        Assert.Equal(option, error.ParamName);
        Assert.IsAssignableFrom<ArgumentOutOfRangeException>(error);
    }

    [Fact]
    public void The_limits_themselves_are_accepted()
    {
        new TransportOptions
        {
            MaxFragmentSize = 22,
            MaxFragmentsPerPacket = 1,
            MaxEnvelopeSize = TransportOptions.MinEnvelopeSize,
            ReceiveBufferSize = 256,
            ReceiveQueueCapacity = 1,
        }.Validate();
        new TransportOptions { MaxFragmentSize = TransportOptions.MaxOutOfProcFragmentSize }.Validate();
        TransportOptions.Default.Validate();
    }

    public static TheoryData<RunspacePoolOptions, string> BadPoolOptions => new()
    {
        { new RunspacePoolOptions { MaxReceivedObjectSize = 100 }, nameof(RunspacePoolOptions.MaxReceivedObjectSize) },
        { new RunspacePoolOptions { MaxReceivedDataSizePerCommand = 0 }, nameof(RunspacePoolOptions.MaxReceivedDataSizePerCommand) },
        { new RunspacePoolOptions { MaxReceivedDataSizePerCommand = -1 }, nameof(RunspacePoolOptions.MaxReceivedDataSizePerCommand) },
        { new RunspacePoolOptions { OutputBufferCapacity = 0 }, nameof(RunspacePoolOptions.OutputBufferCapacity) },
        { new RunspacePoolOptions { OutputBatchWindow = TimeSpan.FromMilliseconds(-1) }, nameof(RunspacePoolOptions.OutputBatchWindow) },
        { new RunspacePoolOptions { OutputBatchWindow = TimeSpan.FromSeconds(2) }, nameof(RunspacePoolOptions.OutputBatchWindow) },
    };

    [Theory]
    [MemberData(nameof(BadPoolOptions))]
    public void Pool_limits_below_what_a_session_needs_are_refused(RunspacePoolOptions options, string option)
    {
        var error = Assert.Throws<PsrpOptionException>(options.Validate);
        Assert.Equal(option, error.ParamName);
    }

    [Fact]
    public void Out_of_proc_options_take_the_request_tuning_and_validate_it()
    {
        var recorder = new NullRecorder();
        var tuned = new OutOfProcTransportOptions { Name = "x", MaxFragmentSize = 4096 }.With(new TransportOptions
        {
            MaxFragmentsPerPacket = 2,
            ReceiveBufferSize = 1024,
            ReceiveQueueCapacity = 3,
            WireRecorder = recorder,
        });
        Assert.Equal(4096, tuned.MaxFragmentSize);
        Assert.Equal(2, tuned.MaxFragmentsPerPacket);
        Assert.Equal(1024, tuned.ReceiveBufferSize);
        Assert.Equal(3, tuned.ReceiveQueueCapacity);
        Assert.Same(recorder, tuned.WireRecorder);

        Assert.Throws<PsrpOptionException>(() => new OutOfProcTransportOptions().With(new TransportOptions { MaxFragmentSize = 10 }));

        // Set directly on the transport's own options, the same limit holds when the transport starts.
        var error = Assert.Throws<PsrpOptionException>(() => new OutOfProcTransport(new MemoryStream(), new MemoryStream(), new OutOfProcTransportOptions { MaxFragmentSize = 21 }));
        Assert.Equal(nameof(TransportOptions.MaxFragmentSize), error.ParamName);
    }

    private sealed class NullRecorder : Psrp.Diagnostics.IWireRecorder
    {
        public void RecordPacket(string transport, Psrp.Diagnostics.WireDirection direction, ReadOnlySpan<byte> line)
        {
        }

        public void RecordText(string transport, Psrp.Diagnostics.WireDirection direction, string kind, string text)
        {
        }
    }
}
