using System.Text;
using CampaignEngine.Web.Features.Compatriots.Import;

namespace CampaignEngine.Web.Tests.Compatriots;

public sealed class CompatriotCsvTests
{
    public const string Header = "external_id,full_name,gender,birth_year,home_region,district,village,country,city,language,years_abroad,willing,interests,sectors,organization,email,phone,telegram,channels";

    private static CsvReadResult Read(string text) => CompatriotCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), 2026);

    private static string Row(string id, string name = "Бакыт Асанов") => $"{id},{name},м,1985,KG-Y,,,RU,Moscow,ky,3-5,yes,,,,,+7 916 123-45-67,,whatsapp";

    [Fact]
    public void Read_numbers_rows_as_a_spreadsheet_does()
    {
        var csv = string.Join("\n", Header, Row("a"), Row("b", "\"Асанов,\nБакыт\""), "", Row("c", "x\"y"), Row("d"));
        var result = Read(csv);
        Assert.Equal([2, 3, 6], result.Rows.Select(r => r.Row));
        var error = Assert.Single(result.Errors);
        Assert.Equal((5, "row"), (error.Row, error.Field));
    }

    [Fact]
    public void Read_with_byte_order_mark_and_crlf()
    {
        var result = Read("\uFEFF" + Header + "\r\n" + Row("a") + "\r\n");
        Assert.False(result.HeaderFailed);
        Assert.Single(result.Rows);
    }

    [Fact]
    public void A_file_saved_in_windows_1251_is_refused_naming_the_first_line_that_is_not_utf8_and_no_row_is_read()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        // Excel's plain "CSV" on a Russian Windows: the header and an ASCII-only row are the same bytes in either encoding.
        var bytes = Encoding.GetEncoding(1251).GetBytes(string.Join("\r\n", Header, Row("a", "Bakyt Asanov").Replace(",м,", ",male,", StringComparison.Ordinal), Row("b", "Айгуль Асанова"), Row("c")));

        var result = CompatriotCsv.Read(new MemoryStream(bytes), 2026);

        Assert.True(result.HeaderFailed);
        Assert.Equal(("file", "notUtf8", "3"), (result.HeaderFault!.Field, result.HeaderFault.Problem, result.HeaderFault.Values.Single()));
        Assert.StartsWith("the file is not UTF-8 text (line 3 is the first that is not)", result.HeaderError, StringComparison.Ordinal);
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void Read_wrong_column_count_is_a_row_error()
    {
        var result = Read(string.Join("\n", Header, Row("a") + ",extra", Row("b")[..20]));
        Assert.Empty(result.Rows);
        Assert.Equal([(2, "row"), (3, "row")], result.Errors.Select(e => (e.Row, e.Field)));
    }

    [Fact]
    public void Read_unclosed_quote_loses_only_its_row()
    {
        var result = Read(string.Join("\n", Header, Row("a"), Row("b", "\"Асанов Бакыт"), Row("c"), Row("d")));
        Assert.Equal([2, 4, 5], result.Rows.Select(r => r.Row));
        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Row);
        Assert.Contains("quote", error.Error);
    }

    [Fact]
    public void Read_duplicate_external_id_in_one_file_is_rejected()
    {
        var result = Read(string.Join("\n", Header, Row("a"), Row("a")));
        Assert.Single(result.Rows);
        Assert.Equal((3, "external_id"), (result.Errors[0].Row, result.Errors[0].Field));
    }

    [Fact]
    public void Read_missing_header_column_names_it()
    {
        var result = Read(Header.Replace(",phone", "") + "\n");
        Assert.True(result.HeaderFailed);
        Assert.Equal("phone", result.HeaderField);
    }

    [Fact]
    public void A_file_separated_by_semicolons_as_Excel_saves_it_under_Russian_settings_reads_as_one_with_commas()
    {
        var row = Row("a").Replace(',', ';').Replace(";whatsapp", ";\"whatsapp;sms\"", StringComparison.Ordinal);

        var result = Read(Header.Replace(',', ';') + "\r\n" + row + "\r\n");

        Assert.False(result.HeaderFailed);
        Assert.Empty(result.Errors);
        var (number, person) = Assert.Single(result.Rows);
        Assert.Equal((2, "Бакыт Асанов", "RU"), (number, person.FullName, person.Country));
        Assert.Equal(["whatsapp", "sms"], person.Channels);
    }

    [Fact]
    public void Read_empty_file_is_a_header_fault() => Assert.True(Read("").HeaderFailed);

    [Fact]
    public void Read_columns_in_another_order_and_case()
    {
        var columns = Header.Split(',').Reverse().Select(c => c.ToUpperInvariant()).ToArray();
        var values = Row("a").Split(',').Reverse().ToArray();
        var result = Read(string.Join(",", columns) + "\n" + string.Join(",", values));
        Assert.Equal("a", Assert.Single(result.Rows).Input.ExternalId);
    }
}
