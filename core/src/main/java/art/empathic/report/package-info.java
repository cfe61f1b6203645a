/**
 * Reports: the Markdown/HTML report of one run ({@link art.empathic.report.RunReport}) and of a
 * whole study ({@link art.empathic.report.StudyReport}), comparison tables, confusion-matrix and
 * training-curve charts. Everything here works from the files of a run directory (see {@link
 * art.empathic.run.RunDirectory}), so it needs no deep-learning engine.
 */
package art.empathic.report;
