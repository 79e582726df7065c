using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OAuthPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddTokenScopeNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ScopeNames",
                table: "AccessTokens",
                type: "TEXT",
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ScopeNames",
                table: "AccessTokens");
        }
    }
}
