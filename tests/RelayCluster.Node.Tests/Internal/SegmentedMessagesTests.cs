using RelayCluster.Node.Internal;

namespace RelayCluster.Node.Tests.Internal;

/// <summary>Which failed sends turn grouping off: only the kernel's refusals of segmentation, never a destination's error.</summary>
public class SegmentedMessagesTests
{
    private const int Econnrefused = 111;
    private const int Enetunreach = 101;

    [Theory]
    [InlineData(LinuxSockets.Einval)]
    [InlineData(LinuxSockets.Eio)]
    [InlineData(LinuxSockets.Emsgsize)]
    public void Refused_SegmentationRefused_StopsGroupingThatSizeAndLarger(int error)
    {
        using var messages = new SegmentedMessages(1);

        messages.Refused(1_200, error);

        Assert.Equal(1_199, messages.SegmentLimit);
        Assert.True(messages.Fits(1_199, 1, 1_199, 1_199, 1_199));
        Assert.False(messages.Fits(1_200, 1, 1_200, 1_200, 1_200));
    }

    [Theory]
    [InlineData(Econnrefused)]
    [InlineData(Enetunreach)]
    [InlineData(LinuxSockets.Eagain)]
    public void Refused_DestinationError_KeepsGrouping(int error)
    {
        using var messages = new SegmentedMessages(1);

        messages.Refused(1_200, error);

        Assert.Equal(SegmentedMessages.MaxBytes, messages.SegmentLimit);
        Assert.True(messages.Fits(1_200, 1, 1_200, 1_200, 1_200));
    }
}
