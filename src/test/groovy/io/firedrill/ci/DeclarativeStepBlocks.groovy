package io.firedrill.ci

import org.codehaus.groovy.ast.CodeVisitorSupport
import org.codehaus.groovy.ast.expr.ClosureExpression
import org.codehaus.groovy.ast.expr.MethodCallExpression
import org.codehaus.groovy.ast.stmt.BlockStatement
import org.codehaus.groovy.ast.stmt.ExpressionStatement
import org.codehaus.groovy.ast.stmt.Statement
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.Phases

/**
 * The rule of Declarative Pipeline that running a Jenkinsfile cannot show: a steps {} block and a post condition
 * hold only step calls, and any other Groovy (a variable, an if, a call on an object) goes inside script {}.
 * Jenkins rejects the whole Jenkinsfile before the first stage otherwise, so it is checked on the source.
 */
final class DeclarativeStepBlocks {
    private static final Set<String> STEP_BLOCKS = (['steps'] + PostSection.CONDITIONS) as Set

    /** One line per statement that is not a step, such as "line 12: def x = 1". */
    static List<String> violations(String jenkinsfile) {
        CompilationUnit unit = new CompilationUnit()
        unit.addSource('Jenkinsfile', jenkinsfile)
        unit.compile(Phases.CONVERSION)
        List<String> violations = []
        CodeVisitorSupport visitor = new CodeVisitorSupport() {
            @Override
            void visitMethodCallExpression(MethodCallExpression call) {
                ClosureExpression block = blockOf(call)
                if (block != null) {
                    statementsOf(block).findAll { !isStepCall(it) }.each {
                        violations << "line ${it.lineNumber}: ${it.text}".toString()
                    }
                }
                super.visitMethodCallExpression(call)
            }
        }
        unit.AST.modules*.statementBlock*.visit(visitor)
        return violations
    }

    private static ClosureExpression blockOf(MethodCallExpression call) {
        if (!call.implicitThis || !(call.methodAsString in STEP_BLOCKS)) {
            return null
        }
        def arguments = call.arguments.expressions
        return arguments.size() == 1 && arguments[0] instanceof ClosureExpression ? (ClosureExpression) arguments[0] : null
    }

    private static List<Statement> statementsOf(ClosureExpression block) {
        Statement code = block.code
        return code instanceof BlockStatement ? ((BlockStatement) code).statements : [code]
    }

    private static boolean isStepCall(Statement statement) {
        return statement instanceof ExpressionStatement &&
                statement.expression instanceof MethodCallExpression &&
                ((MethodCallExpression) statement.expression).implicitThis
    }
}
