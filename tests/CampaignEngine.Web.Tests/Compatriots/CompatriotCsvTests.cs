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

    [Theory]
    [InlineData("external_id")]
    [InlineData("full_name")]
    [InlineData("country")]
    public void A_header_without_a_column_every_file_needs_is_refused_naming_it(string column)
    {
        var result = Read(string.Join(',', Header.Split(',').Where(c => c != column)) + "\n");

        Assert.True(result.HeaderFailed);
        Assert.Equal((column, "missingColumn"), (result.HeaderField, result.HeaderFault!.Problem));
        Assert.EndsWith("every file needs external_id, full_name, country", result.HeaderError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_only_some_columns_reads_the_ones_left_out_as_empty_and_says_which_they_are()
    {
        var result = Read("external_id,full_name,country,phone,channels\na-1,Бакыт Асанов,RU,+7 916 123-45-67,sms\n");

        Assert.False(result.HeaderFailed);
        Assert.Empty(result.Errors);
        var person = Assert.Single(result.Rows).Input;
        Assert.Equal(("unknown", null, null, "ky", "+79161234567"), (person.Gender, person.BirthYear, person.City, person.Language, person.Phone));
        Assert.Equal(["sms"], person.Channels);
        Assert.True(result.Absent.Contains("gender"));
        Assert.False(result.Absent.Contains("phone"));
    }

    [Fact]
    public void A_consent_whose_address_column_the_file_left_out_is_left_for_the_writer_to_check_against_what_is_stored()
    {
        var result = Read("external_id,full_name,country,channels\na-1,Бакыт Асанов,RU,email;sms\n");

        Assert.Empty(result.Errors);
        Assert.Equal(["sms", "email"], Assert.Single(result.Rows).Input.Channels);
        Assert.True(result.Absent.HideAnAddress);
    }

    [Fact]
    public void A_consent_whose_address_column_is_there_but_empty_is_still_refused_on_reading()
    {
        var result = Read("external_id,full_name,country,email,channels\na-1,Бакыт Асанов,RU,,email\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, "channels", "consentNeedsEmail"), (error.Row, error.Field, error.Problem));
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void A_column_the_import_does_not_know_is_refused_by_name_so_that_a_misspelt_one_is_not_left_out_unseen()
    {
        var result = Read("external_id,full_name,country,phon\na-1,Бакыт Асанов,RU,+7 916 123-45-67\n");

        Assert.True(result.HeaderFailed);
        Assert.Equal(("phon", "unknownColumn"), (result.HeaderField, result.HeaderFault!.Problem));
        Assert.Equal(["phon", Header], result.HeaderFault.Values);
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void A_column_named_twice_is_refused_by_name()
    {
        var result = Read("external_id,full_name,country,Phone,phone\na-1,Бакыт Асанов,RU,+7 916 123-45-67,+7 916 765-43-21\n");

        Assert.Equal(("phone", "columnTwice"), (result.HeaderField, result.HeaderFault!.Problem));
    }

    [Fact]
    public void The_empty_columns_Excel_leaves_after_the_last_one_are_not_read()
    {
        var result = Read(Header + ",,\n" + Row("a") + ",,\n");

        Assert.False(result.HeaderFailed);
        Assert.Empty(result.Errors);
        Assert.False(result.Absent.Any);
        Assert.Equal("a", Assert.Single(result.Rows).Input.ExternalId);
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
