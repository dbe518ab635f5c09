using CampaignEngine.Web.Features.Certificates;
using CampaignEngine.Web.Infrastructure.Documents;

namespace CampaignEngine.Web.Tests.Certificates;

public sealed class CertificateSerialTests
{
    [Theory]
    [InlineData("IK", 2026, 42, "IK-2026-000042")]
    [InlineData("KG", 2027, 1, "KG-2027-000001")]
    [InlineData("NR", 2026, 1234567, "NR-2026-1234567")]
    public void Format_pads_the_sequence_to_six_digits(string prefix, int year, long sequence, string expected) =>
        Assert.Equal(expected, CertificateSerial.Format(prefix, year, sequence));

    [Theory]
    [InlineData("ik")]
    [InlineData("I-K")]
    [InlineData("")]
    public void Format_when_prefix_is_not_capital_letters_throws(string prefix) =>
        Assert.Throws<ArgumentException>(() => CertificateSerial.Format(prefix, 2026, 1));

    [Fact]
    public void Format_when_sequence_is_zero_throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CertificateSerial.Format("IK", 2026, 0));

    [Theory]
    [InlineData(" ik-2026-000042 ", "IK-2026-000042")]
    [InlineData("KG-2026-000001", "KG-2026-000001")]
    public void Normalize_accepts_what_people_type(string typed, string expected) =>
        Assert.Equal(expected, CertificateSerial.Normalize(typed));

    [Theory]
    [InlineData("IK-26-000042")]
    [InlineData("IK-2026-42")]
    [InlineData("' OR 1=1 --")]
    [InlineData(null)]
    public void Normalize_when_not_a_serial_is_null(string? typed) => Assert.Null(CertificateSerial.Normalize(typed));
}

public sealed class HolderNameTests
{
    [Theory]
    [InlineData("Айгүл Өмүрбекова Ңаа", "Айгүл Ө.")]
    [InlineData("  Нурлан   үсөнов ", "Нурлан Ү.")]
    [InlineData("Aizada Bekova", "Aizada B.")]
    [InlineData("Гүлнара", "Гүлнара")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Partial_shows_the_first_name_and_one_initial(string? full, string expected) =>
        Assert.Equal(expected, HolderName.Partial(full));
}

public sealed class CertificateContentTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 8, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Canonical_lists_the_signed_fields_in_order() =>
        Assert.Equal("ce-cert-v1|IK-2026-000001|gratitude|Айгүл Ө|issyk-kul|2026-03-08|ky",
            CertificateContent.Canonical("IK-2026-000001", "gratitude", "Айгүл Ө", "issyk-kul", Noon, "ky"));

    [Fact]
    public void Canonical_escapes_separators_so_fields_cannot_be_shifted()
    {
        var shifted = CertificateContent.Canonical("IK-2026-000001", "gratitude", "A|issyk-kul", "x", Noon, "ky");
        var plain = CertificateContent.Canonical("IK-2026-000001", "gratitude", "A", "issyk-kul|x", Noon, "ky");
        Assert.NotEqual(shifted, plain);
    }

    [Fact]
    public void IssuerDay_is_the_day_in_Kyrgyzstan_not_in_UTC() =>
        Assert.Equal(new DateOnly(2027, 1, 1), CertificateContent.IssuerDay(new DateTimeOffset(2026, 12, 31, 19, 0, 0, TimeSpan.Zero)));
}

public sealed class QrMatrixTests
{
    [Fact]
    public void Svg_draws_every_dark_module_as_part_of_a_run()
    {
        var qr = QrMatrix.Encode("http://localhost/verify/IK-2026-000001");
        var dark = 0;
        for (var r = 0; r < qr.Size; r++)
            for (var c = 0; c < qr.Size; c++)
                if (qr.IsDark(r, c)) dark++;
        Assert.Equal(dark, qr.DarkRuns().Sum(run => run.Length));
        Assert.StartsWith("<svg", qr.ToSvg("label"));
    }
}
