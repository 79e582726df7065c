using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OAuthPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddTokenRevocationReason : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RevocationReason",
                table: "AccessTokens",
                type: "varchar(24)",
                unicode: false,
                maxLength: 24,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RevocationReason",
                table: "AccessTokens");
        }
    }
}
