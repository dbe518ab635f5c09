using CampaignEngine.Web.Features.Sending;

namespace CampaignEngine.Web.Tests.Unit;

public sealed class SmsSegmentsTests
{
    [Fact]
    public void Latin_text_of_160_characters_is_one_gsm_segment() =>
        Assert.Equal(new SmsSegments.Count("GSM-7", 160, 1), SmsSegments.Of(new string('a', 160)));

    [Fact]
    public void Latin_text_of_161_characters_is_two_segments_of_153() =>
        Assert.Equal(2, SmsSegments.Of(new string('a', 161)).Segments);

    [Fact]
    public void Extension_characters_count_twice() =>
        Assert.Equal(162, SmsSegments.Of(new string('a', 160) + "€").Units);

    [Fact]
    public void One_kyrgyz_letter_forces_ucs2_with_70_characters_a_segment()
    {
        Assert.Equal(new SmsSegments.Count("UCS-2", 70, 1), SmsSegments.Of("ө" + new string('a', 69)));
        Assert.Equal(2, SmsSegments.Of("ө" + new string('a', 70)).Segments);
        Assert.Equal(3, SmsSegments.Of(new string('ү', 135)).Segments);
    }
}
