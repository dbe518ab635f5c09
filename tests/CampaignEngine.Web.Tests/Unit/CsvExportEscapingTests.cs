using System.Text;
using CampaignEngine.Web.Features.Reports;
using CampaignEngine.Web.Infrastructure.Export;

namespace CampaignEngine.Web.Tests.Unit;

/// <summary>Text that a spreadsheet would run as a formula is neutralised in every CSV; numbers stay numbers.</summary>
public sealed class CsvExportEscapingTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+7 700 123", "'+7 700 123")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=cmd", "'\t=cmd")]
    [InlineData("\r=cmd", "\"'\r=cmd\"")]
    [InlineData("－1＋1", "'－1＋1")]
    [InlineData("Айгүл, \"Ала-Тоо\"", "\"Айгүл, \"\"Ала-Тоо\"\"\"")]
    [InlineData("KG-Y", "KG-Y")]
    [InlineData("<5", "<5")]
    public void Text_that_could_run_as_a_formula_gets_an_apostrophe(string text, string cell) =>
        Assert.Equal(cell, CsvCell.Write(text));

    [Fact]
    public void Negative_numbers_written_as_numbers_stay_numbers()
    {
        Assert.Equal("-5", CsvCell.Write(-5L));
        Assert.Equal("-2.5", CsvCell.Write(-2.5m));
        Assert.Equal("-0.33", CsvCell.Write(-1 / 3.0));
        Assert.Equal("1234567", CsvCell.Write(1_234_567));
    }

    [Fact]
    public void The_report_export_escapes_every_text_cell_and_keeps_numbers()
    {
        var rows = new List<IDictionary<string, object?>>
        {
            new Dictionary<string, object?> { ["sector"] = "-cmd|' /C calc'!A0", ["count"] = 7L, ["amountUsd"] = -12.5 },
            new Dictionary<string, object?> { ["sector"] = "\t=HYPERLINK(\"http://evil.example\")", ["count"] = 5L, ["amountUsd"] = 3.0 },
        };

        var lines = Encoding.UTF8.GetString(ReportExport.Csv(rows)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("sector,count,amountUsd", lines[0]);
        Assert.Equal("'-cmd|' /C calc'!A0,7,-12.5", lines[1]);
        Assert.Equal("\"'\t=HYPERLINK(\"\"http://evil.example\"\")\",5,3", lines[2]);
    }
}
